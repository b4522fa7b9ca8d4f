// Shared by the samples (linked into each project): numbers and paths on the command line are parsed here, so that a bad
// value is a one-line "error: …" and never an exception. Exit codes: 2 for a usage error, 1 for a failure while running.
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

/// <summary>Parsers for the samples' options: every rejected value names the option, what was expected and what was received.</summary>
static class SampleCommandLine
{
    /// <summary>Exit code of a bad command line.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code of a failure while running (a file that cannot be read or written, training that diverged).</summary>
    public const int RunFailure = 1;

    /// <summary>An integer option from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> Between(this Option<int> option, int min, int max)
    {
        option.CustomParser = r =>
        {
            string? text = Single(r, option.Name);
            if (text is null) return default;
            if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
                r.AddError($"{option.Name} must be an integer from {min} to {max}. Received: '{text}'.");
            return value;
        };
        return option;
    }

    /// <summary>A finite number option: above <paramref name="min"/> (or at it, if <paramref name="minIncluded"/>), below <paramref name="max"/> (or at it, if <paramref name="maxIncluded"/>).</summary>
    public static Option<double> Between(this Option<double> option, double min, bool minIncluded, double max, bool maxIncluded)
    {
        option.CustomParser = r =>
        {
            string? text = Single(r, option.Name);
            if (text is null) return default;
            bool ok = double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
                && (minIncluded ? value >= min : value > min) && (maxIncluded ? value <= max : value < max);
            if (!ok)
            {
                string range = double.IsPositiveInfinity(max)
                    ? $"a finite number {(minIncluded ? "≥" : ">")} {min}"
                    : $"a number in {(minIncluded ? "[" : "(")}{min}, {max}{(maxIncluded ? "]" : ")")}";
                r.AddError($"{option.Name} must be {range}. Received: '{text}'.");
            }
            return value;
        };
        return option;
    }

    /// <summary>A path option that must not be empty or white space.</summary>
    public static Option<string?> NonEmptyPath(this Option<string?> option)
    {
        option.CustomParser = r =>
        {
            string? text = Single(r, option.Name);
            if (text is not null && string.IsNullOrWhiteSpace(text)) r.AddError($"{option.Name} must name a file. Received: an empty path.");
            return text;
        };
        return option;
    }

    /// <summary>A path option that must name an existing file (not a folder).</summary>
    public static Option<string?> ExistingFile(this Option<string?> option)
    {
        option.CustomParser = r =>
        {
            string? text = Single(r, option.Name);
            if (text is null) return null;
            if (string.IsNullOrWhiteSpace(text)) r.AddError($"{option.Name} must name a file. Received: an empty path.");
            else if (Directory.Exists(text)) r.AddError($"{option.Name} must name a file, but '{text}' is a folder.");
            else if (!File.Exists(text)) r.AddError($"{option.Name}: there is no file '{text}'.");
            return text;
        };
        return option;
    }

    /// <summary>
    /// Parses <paramref name="args"/>; on an error writes one line, <c>error: …</c>, to stderr and returns
    /// <see cref="UsageError"/>; for --help or --version runs it and returns its code; otherwise returns null.
    /// </summary>
    public static int? ParseOrExit(RootCommand command, string[] args, out ParseResult parsed)
    {
        parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var error = parsed.Errors[0];
            string? option = error.SymbolResult switch
            {
                OptionResult o => o.Option.Name,
                ArgumentResult { Parent: OptionResult o } => o.Option.Name,
                _ => null,
            };
            string message = OneLine(error.Message);
            Console.Error.WriteLine($"error: {(option is null || message.Contains(option) ? "" : option + ": ")}{message} (see --help)");
            return UsageError;
        }
        return parsed.Action is not null ? parsed.Invoke() : null;     // --help, --version
    }

    /// <summary>Writes <c>error: message</c> (first line only, no stack trace) to stderr and returns <paramref name="exitCode"/>.</summary>
    public static int Fail(string message, int exitCode = RunFailure)
    {
        Console.Error.WriteLine($"error: {OneLine(message)}");
        return exitCode;
    }

    /// <summary>
    /// Makes an exception that nothing caught end the process with one line, <c>error: …</c>, and exit code
    /// <see cref="RunFailure"/> instead of a stack trace (the innermost message of an aggregate, e.g. from Parallel.For).
    /// </summary>
    public static void ExitOnUnhandledException() =>
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            var exception = e.ExceptionObject as Exception;
            while (exception is AggregateException { InnerExceptions.Count: 1 } or System.Reflection.TargetInvocationException && exception.InnerException is not null)
                exception = exception.InnerException;
            Console.Out.Flush();
            Environment.Exit(Fail(exception is null ? "an unknown failure" : $"{exception.GetType().Name}: {exception.Message}"));
        };

    /// <summary>Creates <paramref name="folder"/> now, before any work, so that a bad output folder is reported at once.</summary>
    public static int? CreateFolderOrExit(string option, string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail($"{option}: cannot create the folder '{folder}': {e.Message}", UsageError);
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private static string? Single(ArgumentResult r, string name)
    {
        if (r.Tokens.Count == 1) return r.Tokens[0].Value;
        r.AddError($"{name} needs exactly one value. Received: {r.Tokens.Count}.");
        return null;
    }
}
