using System.Runtime.InteropServices;

namespace EsgTrace.Portal.Extensions;

/// <summary>
/// On Unix the data directory (SQLite database and its -wal/-shm, blobs, data-protection keys, signing keys, demo
/// credentials) is this account's alone: folders 0700, files 0600. New files get it from the process's file-mode mask
/// (umask 077, set before anything is written: SQLite, Orleans and the data-protection system create files themselves);
/// files left by an older version or another tool are tightened at start.
/// </summary>
public static class DataDirectoryPermissions
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Sets the mask and creates or tightens each folder; returns how many existing entries were tightened.</summary>
    public static int Secure(params string[] folders)
    {
        if (OperatingSystem.IsWindows())
        {
            return 0;
        }

        _ = umask(0b000_111_111);
        var tightened = 0;
        foreach (var folder in folders.Distinct(StringComparer.Ordinal))
        {
            Directory.CreateDirectory(folder, Folder);
            tightened += Tighten(new DirectoryInfo(folder), Folder);
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true }))
            {
                tightened += Tighten(entry, entry is DirectoryInfo ? Folder : File);
            }
        }

        return tightened;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static int Tighten(FileSystemInfo entry, UnixFileMode mode)
    {
        // Owner bits as they are (an owner-only read-only file stays read-only), nothing for group and others.
        var current = entry.UnixFileMode;
        var wanted = current & mode;
        if (current == wanted)
        {
            return 0;
        }

        entry.UnixFileMode = wanted;
        return 1;
    }

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint umask(uint mask);
}
