namespace Grade;

/// <summary>How a graded test ended.</summary>
public enum TestStatus
{
    /// <summary>It ran and passed: full points.</summary>
    Passed,

    /// <summary>It ran and failed (or threw): 0 points.</summary>
    Failed,

    /// <summary>It did not run (the code did not compile, the run timed out or crashed): 0 points.</summary>
    NotRun,
}

/// <summary>One graded test's result: its name as the tests print it, e.g. "Exercise1_ScaledTanh.Derivative_AtZero_IsScaleTimesSlope".</summary>
/// <param name="Name">Test class (file) and method.</param>
/// <param name="ClassName">The test class's full name, for JUnit's classname.</param>
/// <param name="MaxPoints">What the test is worth.</param>
/// <param name="Status">Passed, failed or not run.</param>
/// <param name="Seconds">How long it ran.</param>
/// <param name="Message">Why it failed (the assertion's or exception's message), or why it did not run; empty when passed.</param>
public sealed record GradedTest(string Name, string ClassName, int MaxPoints, TestStatus Status, double Seconds, string Message)
{
    /// <summary>All or nothing: <see cref="MaxPoints"/> when passed, else 0.</summary>
    public int Points => Status == TestStatus.Passed ? MaxPoints : 0;
}
