namespace Tether.Client.Storage;

/// <summary>What a path names, without following a symbolic link at its end.</summary>
internal enum PathKind
{
    Missing,
    Directory,
    File,
    SymbolicLink,
}
