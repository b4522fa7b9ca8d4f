using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;

namespace Playground;

/// <summary>
/// The streaming side of a session: each snapshot is serialised to JSON once and handed to every watcher. A watcher holds
/// at most one unsent snapshot (a slow page skips frames, it never queues them), so memory stays bounded however slowly a
/// client reads. The page reads the stream as server-sent events: <c>GET /api/sessions/{id}/events</c>, one
/// <c>data:</c> line of JSON per snapshot (<see cref="PlaygroundApp"/>'s <c>TypedResults.ServerSentEvents</c>).
/// </summary>
/// <remarks>Thread-safe: the session's thread publishes while request threads watch.</remarks>
public sealed class SnapshotStream
{
    /// <summary>camelCase, as ASP.NET Core's own JSON: the same names as the URL keys.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly object _gate = new();
    private readonly List<Channel<string>> _watchers = [];
    private string _latest = "{}";
    private long _idleSince = Stopwatch.GetTimestamp();
    private bool _completed;

    /// <summary>Event streams currently open on this session.</summary>
    public int Watchers { get { lock (_gate) return _watchers.Count; } }

    /// <summary>How long no stream has been open (zero while one is).</summary>
    public TimeSpan IdleFor { get { lock (_gate) return _watchers.Count > 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_idleSince); } }

    /// <summary>Restarts the idle clock: a command to the session counts as a sign of life, like an open stream.</summary>
    public void Touch()
    {
        lock (_gate) _idleSince = Stopwatch.GetTimestamp();
    }

    /// <summary>The last snapshot's JSON; a new watcher receives it first.</summary>
    public string Latest { get { lock (_gate) return _latest; } }

    /// <summary>Serialises the snapshot once and offers it to every watcher, replacing a snapshot it has not read yet.</summary>
    public void Publish(Snapshot snapshot)
    {
        string json = JsonSerializer.Serialize(snapshot, Json);
        lock (_gate)
        {
            _latest = json;
            foreach (var watcher in _watchers) watcher.Writer.TryWrite(json);
        }
    }

    /// <summary>
    /// The snapshots from now on, starting with the latest, until the client disconnects (<paramref name="cancellationToken"/>)
    /// or the session ends. Returns null when <paramref name="maxWatchers"/> streams are already open.
    /// </summary>
    public IAsyncEnumerable<string>? TryWatch(int maxWatchers, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false,
        });
        lock (_gate)
        {
            if (_watchers.Count >= maxWatchers) return null;
            if (_completed) channel.Writer.TryComplete();
            _watchers.Add(channel);
            channel.Writer.TryWrite(_latest);
        }
        return Read(channel, cancellationToken);
    }

    /// <summary>Ends every stream: the session is gone.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var watcher in _watchers) watcher.Writer.TryComplete();
        }
    }

    private async IAsyncEnumerable<string> Read(Channel<string> channel, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await channel.Reader.WaitToReadAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    yield break;                        // the client went away
                }
                if (!more) yield break;                 // the session ended
                while (channel.Reader.TryRead(out var json))
                    yield return json;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
                if (_watchers.Count == 0) _idleSince = Stopwatch.GetTimestamp();
            }
        }
    }
}
