using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Playground;

/// <summary>
/// The running sessions, bounded: at most <see cref="PlaygroundOptions.MaxSessions"/> at once, and a session that no page
/// has watched for <see cref="PlaygroundOptions.IdleTimeout"/> is stopped and freed by a timer.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class SessionStore : IDisposable
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new();
    private readonly object _createGate = new();
    private readonly Timer _reaper;

    /// <summary>Starts the idle-session timer, which checks four times per idle timeout (at most once a second).</summary>
    public SessionStore(IOptions<PlaygroundOptions> options)
    {
        Options = options.Value;
        Options.Validate();
        var period = TimeSpan.FromTicks(Math.Min(Options.IdleTimeout.Ticks / 4, TimeSpan.TicksPerSecond));
        _reaper = new Timer(_ => RemoveIdle(), null, period, period);
    }

    /// <summary>The limits.</summary>
    public PlaygroundOptions Options { get; }

    /// <summary>Sessions that exist now.</summary>
    public int Count => _sessions.Count;

    /// <summary>Creates a session, or returns null when <see cref="PlaygroundOptions.MaxSessions"/> already exist.</summary>
    public Session? TryCreate(PlaygroundConfig config)
    {
        lock (_createGate)
        {
            if (_sessions.Count >= Options.MaxSessions) return null;
            string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));   // unguessable: a tab controls only its own session
            var session = new Session(id, config, Options, TrainingBudget);
            _sessions[id] = session;
            return session;
        }
    }

    /// <summary>The session with this id, or null (never created, deleted, or freed after the idle timeout).</summary>
    public Session? Find(string id) => _sessions.GetValueOrDefault(id);

    /// <summary>Stops and frees a session; false if there is none with this id.</summary>
    public bool Remove(string id)
    {
        if (!_sessions.TryRemove(id, out var session)) return false;
        session.Dispose();
        return true;
    }

    /// <summary>
    /// The training time of one frame: <see cref="PlaygroundOptions.TrainingPerFrame"/>, or less when many sessions play, so
    /// that together they use about half of every core's frame interval and the rest is left for snapshots and streaming
    /// (20 sessions on 2 cores: 5 ms of training per 100 ms frame each, so each keeps sending several snapshots a second).
    /// </summary>
    public TimeSpan TrainingBudget()
    {
        int playing = _sessions.Values.Count(s => s.IsPlaying);
        var share = Options.FrameInterval * (0.5 * Environment.ProcessorCount / Math.Max(1, playing));
        return share < Options.TrainingPerFrame ? share : Options.TrainingPerFrame;
    }

    /// <summary>Frees every session nobody has watched for the idle timeout.</summary>
    public void RemoveIdle()
    {
        foreach (var (id, session) in _sessions)
            if (session.Stream.IdleFor >= Options.IdleTimeout)
                Remove(id);
    }

    /// <summary>Stops the timer and every session.</summary>
    public void Dispose()
    {
        _reaper.Dispose();
        foreach (var id in _sessions.Keys) Remove(id);
    }
}
