namespace Playground;

/// <summary>
/// The server's limits, bound from the "Playground" configuration section: <c>--Playground:MaxSessions=8</c> on the
/// command line, <c>Playground__IdleTimeout=00:01:00</c> in the environment, or appsettings.json.
/// </summary>
public sealed class PlaygroundOptions
{
    /// <summary>Sessions that may exist at once; one more answers 503. Default 32.</summary>
    public int MaxSessions { get; set; } = 32;

    /// <summary>A session that no page has watched for this long is stopped and freed. Default 30 s.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>While playing, a session sends at most one snapshot per interval. Default 100 ms (10 a second).</summary>
    public TimeSpan FrameInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>While playing, a session trains epochs for about this long per frame (at least one epoch). Default 25 ms.</summary>
    public TimeSpan TrainingPerFrame { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Event streams open at once on one session (a few tabs of the same link); one more answers 503. Default 4.</summary>
    public int MaxWatchersPerSession { get; set; } = 4;

    /// <summary>Largest accepted configuration body. Default 16 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Throws when a limit is not positive, naming it.</summary>
    public void Validate()
    {
        if (MaxSessions < 1) throw new InvalidOperationException($"Playground:MaxSessions must be at least 1. Received: {MaxSessions}.");
        if (MaxWatchersPerSession < 1) throw new InvalidOperationException($"Playground:MaxWatchersPerSession must be at least 1. Received: {MaxWatchersPerSession}.");
        if (MaxBodyBytes < 256) throw new InvalidOperationException($"Playground:MaxBodyBytes must be at least 256. Received: {MaxBodyBytes}.");
        foreach (var (name, value) in new[] { ("IdleTimeout", IdleTimeout), ("FrameInterval", FrameInterval), ("TrainingPerFrame", TrainingPerFrame) })
            if (value <= TimeSpan.Zero) throw new InvalidOperationException($"Playground:{name} must be a positive time span such as 00:00:30. Received: {value}.");
    }
}
