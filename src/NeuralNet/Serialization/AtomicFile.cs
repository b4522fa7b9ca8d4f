namespace NeuralNet.Serialization;

/// <summary>
/// Replaces a file all at once: write a temporary file in the same folder, flush it to disk, then rename it over the
/// target. A crash, an exception or a full disk during the write leaves the previous file as it was.
/// </summary>
/// <remarks>
/// <para>The rename (<see cref="File.Move(string, string, bool)"/>) is atomic on one volume, which the same folder guarantees.</para>
/// <para>Every failure is an <see cref="IOException"/> naming the target (never the hidden temporary file). The temporary
/// name is short (<c>.&lt;first 16 characters&gt;~&lt;hash&gt;.&lt;random&gt;.tmp</c>), so any legal target name works; temporary files
/// of the same target left by a killed writer are deleted before the next write (a file still locked by a live writer is
/// kept). A symbolic link is written through: its final target is replaced and the link stays. An existing file keeps its
/// Unix permissions.</para>
/// </remarks>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        string full = Target(path);
        string folder = Path.GetDirectoryName(full)!;
        string temporary = "";
        try
        {
            Directory.CreateDirectory(folder);
            RemoveStale(full);
            temporary = Path.Combine(folder, $"{TemporaryPrefix(full)}{Guid.NewGuid().ToString("N")[..8]}.tmp");
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                if (!OperatingSystem.IsWindows() && File.Exists(full))
                    File.SetUnixFileMode(stream.SafeFileHandle, File.GetUnixFileMode(full));   // keep e.g. 0600
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Delete(temporary);
            throw new IOException($"Cannot write {path}: {Reason(e, full, temporary)}", e);
        }
        catch
        {
            Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Checks, before a long computation, that <paramref name="path"/> can be written: not empty, not a folder, its folder
    /// exists or can be created (not below a regular file), and a file can be created there. Writes nothing that stays.
    /// </summary>
    /// <exception cref="IOException">It cannot be written; the message names the path and why.</exception>
    public static void CheckWritable(string path)
    {
        string full = Target(path);
        if (Directory.Exists(full)) throw new IOException($"Cannot write {path}: it is a folder; give a file name.");
        string folder = Path.GetDirectoryName(full)!;
        for (string? ancestor = folder; !string.IsNullOrEmpty(ancestor); ancestor = Path.GetDirectoryName(ancestor))
        {
            if (File.Exists(ancestor)) throw new IOException($"Cannot write {path}: {ancestor} is a file, not a folder.");
            if (Directory.Exists(ancestor)) break;
        }
        string probe = Path.Combine(folder, $"{TemporaryPrefix(full)}probe{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            using (new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Delete(probe);
            throw new IOException($"Cannot write {path}: {Reason(e, full, probe)}", e);
        }
    }

    /// <summary>The full path to write: a symbolic link's final target, so that the link itself stays.</summary>
    private static string Target(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new IOException("Cannot write to an empty path: give a file name.");
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new IOException($"Cannot write {path}: {e.Message}", e);
        }
        if (full.EndsWith(Path.DirectorySeparatorChar) || full.EndsWith(Path.AltDirectorySeparatorChar))
            throw new IOException($"Cannot write {path}: it names a folder; give a file name.");
        try
        {
            var info = new FileInfo(full);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                return target.FullName;
        }
        catch (IOException)
        {
            // a link loop or dangling chain: write the path itself, which replaces the link
        }
        return full;
    }

    /// <summary>".&lt;first 16 characters of the name&gt;~&lt;8 hex digits of its FNV-1a hash&gt;." — the same for every write of one target.</summary>
    private static string TemporaryPrefix(string full)
    {
        string name = Path.GetFileName(full);
        uint hash = 2166136261;
        foreach (char c in name) hash = (hash ^ c) * 16777619;
        return $".{(name.Length > 16 ? name[..16] : name)}~{hash:x8}.";
    }

    /// <summary>Deletes temporary files of this target that no live writer holds (a writer keeps its file locked).</summary>
    private static void RemoveStale(string full)
    {
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) return;
        string prefix = TemporaryPrefix(full);
        foreach (string stale in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            if (!Path.GetFileName(stale).StartsWith(prefix, StringComparison.Ordinal)) continue;
            try
            {
                using (new FileStream(stale, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }   // fails while a writer holds it
                File.Delete(stale);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // in use or not ours to delete: leave it
            }
        }
    }

    private static string Reason(Exception e, string full, string temporary)
    {
        string message = e.Message;
        if (temporary.Length > 0) message = message.Replace(temporary, full);
        return e switch
        {
            UnauthorizedAccessException => $"permission denied ({message})",
            DirectoryNotFoundException => $"its folder does not exist and cannot be created ({message})",
            _ => message,
        };
    }

    private static void Delete(string path)
    {
        if (path.Length == 0) return;
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
