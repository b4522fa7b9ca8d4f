using System.Runtime.CompilerServices;

namespace Assignment.Tests;

/// <summary>
/// A graded test: worth <see cref="Points"/> when it passes, 0 when it fails. The points show in the test's name, e.g.
/// "Exercise1_ScaledTanh.Derivative_AtZero_IsScaleTimesSlope (5 points)", in `dotnet test`'s output and in the results the grader reads.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GradedAttribute : FactAttribute
{
    /// <summary>Marks a test worth <paramref name="points"/>; the compiler fills in the file and the method.</summary>
    public GradedAttribute(int points, [CallerFilePath] string file = "", [CallerMemberName] string test = "")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        Points = points;
        DisplayName = $"{Path.GetFileNameWithoutExtension(file)}.{test} ({points} point{(points == 1 ? "" : "s")})";
    }

    /// <summary>What the test is worth.</summary>
    public int Points { get; }
}
