namespace Tether.Client.Sessions;

/// <summary>Which kind of security event a refused record is (each logs under its own event id).</summary>
internal enum RecordFault
{
    /// <summary>The record was fine.</summary>
    None,

    /// <summary>It failed to decrypt: modified, replayed, reordered or injected (§1.2).</summary>
    Undecryptable,

    /// <summary>It decrypted but broke a record rule (§4.1, §4.3).</summary>
    Rule,

    /// <summary>Its ack decreased or covered messages never sent (§4.3).</summary>
    Ack,
}
