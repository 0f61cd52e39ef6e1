namespace Tether.Client.Sessions;

/// <summary>Why a record was refused: its kind of security event and the error code (§4.1, §4.3).</summary>
internal readonly record struct RecordFailure(RecordFault Fault, string Code);
