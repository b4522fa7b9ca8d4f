namespace Grade;

/// <summary>The grade of one submission: every graded test with its points, and the total.</summary>
/// <param name="Submission">The submission's name (its folder), or "assignment" for the student's own run.</param>
/// <param name="Outcome">"graded", "build failed", "timed out" or "no results".</param>
/// <param name="Tests">Every graded test of the points table, in its order.</param>
/// <param name="Output">What a failed build or run printed (the compiler's errors); empty when graded.</param>
public sealed record GradeReport(string Submission, string Outcome, IReadOnlyList<GradedTest> Tests, string Output)
{
    /// <summary>The sum of the points of the passed tests.</summary>
    public int Score => Tests.Sum(t => t.Points);

    /// <summary>The sum of what every test is worth.</summary>
    public int MaxScore => Tests.Sum(t => t.MaxPoints);
}
