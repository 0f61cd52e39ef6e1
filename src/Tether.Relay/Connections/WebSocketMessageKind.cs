namespace Tether.Relay.Connections;

/// <summary>What <see cref="WebSocketReader.ReadAsync"/> found next on a client's connection.</summary>
internal enum WebSocketMessageKind
{
    /// <summary>A whole binary message within the reader's limit: one relay frame.</summary>
    Binary,

    /// <summary>A text message (its payload already skipped): a protocol error here (§7.3).</summary>
    Text,

    /// <summary>A ping; its payload (0 to 125 bytes) goes back in the pong.</summary>
    Ping,

    /// <summary>A pong: the answer to a keepalive ping.</summary>
    Pong,

    /// <summary>The client's close frame.</summary>
    Close,

    /// <summary>A message whose length passed the reader's limit; its bytes are skipped, not read.</summary>
    TooLarge,

    /// <summary>Bytes that are not RFC 6455 framing; everything after them is dropped until the end.</summary>
    Malformed,

    /// <summary>The client closed or lost its connection.</summary>
    End,
}
