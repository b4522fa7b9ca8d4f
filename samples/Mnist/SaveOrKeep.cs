// A trained model is never lost: if saving it fails after training, it is kept in the working or the temporary folder.
using Spectre.Console;

/// <summary>Saves the model where the user asked, or, if that fails, where it can (and says where).</summary>
static class SaveOrKeep
{
    /// <summary>
    /// Writes with <paramref name="write"/> to <paramref name="path"/>; if that fails, to a new file in the first of
    /// <paramref name="fallbackFolders"/> (default: the working folder, then the temporary folder) that works, and reports
    /// both in one line. Returns the exit status: 0 if <paramref name="path"/> was written, 1 otherwise.
    /// </summary>
    public static int Write(string path, string extension, Action<string> write, string done, string note = "", string[]? fallbackFolders = null)
    {
        try
        {
            write(path);
            AnsiConsole.MarkupLine($"[grey]{done} {Markup.Escape(path)}{Markup.Escape(note)}[/]");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string name = $"mnist-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.{extension}";
            foreach (string folder in fallbackFolders ?? [Environment.CurrentDirectory, Path.GetTempPath()])
            {
                string fallback = Path.Combine(folder, name);
                try
                {
                    write(fallback);
                    return SampleCommandLine.Fail($"{e.Message} The model was kept in {fallback}.");
                }
                catch (Exception again) when (again is IOException or UnauthorizedAccessException)
                {
                }
            }
            return SampleCommandLine.Fail($"{e.Message} Keeping it elsewhere failed too (the working and the temporary folder).");
        }
    }
}
