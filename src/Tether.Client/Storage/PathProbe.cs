namespace Tether.Client.Storage;

/// <summary>Tells what a path is without following a symbolic link at its end.</summary>
internal static class PathProbe
{
    public static PathKind Kind(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return PathKind.SymbolicLink;
        }

        // FileSystemInfo.Attributes is -1 for a path that does not exist (it does not throw).
        var attributes = info.Attributes;
        if ((int)attributes == -1)
        {
            return PathKind.Missing;
        }

        return attributes.HasFlag(FileAttributes.Directory) ? PathKind.Directory : PathKind.File;
    }
}
