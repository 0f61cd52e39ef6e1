using System.Diagnostics;

namespace Tether.Client.Tests.Storage;

/// <summary>A fact that needs root (to chown a file to another user, or to mount a tmpfs); skipped otherwise.</summary>
internal sealed class RootOnlyFactAttribute : FactAttribute
{
    public RootOnlyFactAttribute()
    {
        if (OperatingSystem.IsWindows() || !Environment.IsPrivilegedProcess)
        {
            Skip = "Needs root on Unix (chown to another uid or mount a tmpfs).";
        }
    }
}

/// <summary>A fact that needs a real, tiny filesystem: skipped with the reason when <c>mount -t tmpfs</c> does not work here.</summary>
internal sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    public TmpfsFactAttribute()
    {
        if (Unavailable.Value is { } reason)
        {
            Skip = "A full disk is simulated with a 64 KiB tmpfs, and mounting one failed here: " + reason;
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not Linux";
        }

        var directory = Path.Combine(Path.GetTempPath(), "tether-tmpfs-probe-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            var (code, output) = Tmpfs.Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", directory);
            if (code != 0)
            {
                return output;
            }

            Tmpfs.Run("umount", directory);
            return null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return e.Message;
        }
        finally
        {
            Directory.Delete(directory);
        }
    }
}

/// <summary>Mounts a size-limited tmpfs for as long as it is not disposed.</summary>
internal sealed class Tmpfs : IDisposable
{
    public Tmpfs(string mountPoint, string size)
    {
        MountPoint = mountPoint;
        Directory.CreateDirectory(mountPoint);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", mountPoint);
        Assert.True(code == 0, "mount failed: " + output);
    }

    public string MountPoint { get; }

    public static (int Code, string Output) Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }

    public void Dispose() => Run("umount", MountPoint);
}

/// <summary>A fact about a Linux-only rule; skipped elsewhere.</summary>
internal sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux rule.";
        }
    }
}

/// <summary>A theory about a Linux-only rule; skipped elsewhere.</summary>
internal sealed class LinuxTheoryAttribute : TheoryAttribute
{
    public LinuxTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux rule.";
        }
    }
}
