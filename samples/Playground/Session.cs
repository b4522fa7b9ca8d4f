using System.Diagnostics;
using NeuralNet.Training;

namespace Playground;

/// <summary>
/// One browser tab's experiment and the thread that runs it: play trains epoch after epoch and publishes a snapshot at most
/// once per <see cref="PlaygroundOptions.FrameInterval"/>; pause stops after the current epoch; step trains one epoch; reset
/// goes back to epoch 0 (paused). Every snapshot goes to <see cref="Stream"/>.
/// </summary>
/// <remarks>
/// Thread-safe: the controls may be called from any request thread; only the session's own thread touches the
/// <see cref="Experiment"/> (the network is not thread-safe). <see cref="Dispose"/> stops the thread after its current epoch.
/// </remarks>
public sealed class Session : IDisposable
{
    private readonly object _gate = new();
    private readonly PlaygroundOptions _options;
    private readonly Func<TimeSpan> _trainingBudget;
    private readonly Thread _thread;
    private bool _playing, _resetRequested, _disposed, _changed;   // _changed: play/pause to announce in a snapshot
    private int _stepsRequested;
    private string? _error;

    /// <summary>Builds the experiment, publishes its epoch-0 snapshot and starts the session's thread (paused).</summary>
    /// <param name="id">The session's id.</param>
    /// <param name="config">The experiment.</param>
    /// <param name="options">The frame interval and the training time per frame.</param>
    /// <param name="trainingBudget">How long to train per frame, asked before every frame (<see cref="SessionStore"/> shares the cores among the playing sessions); null for <see cref="PlaygroundOptions.TrainingPerFrame"/>.</param>
    public Session(string id, PlaygroundConfig config, PlaygroundOptions options, Func<TimeSpan>? trainingBudget = null)
    {
        Id = id;
        _options = options;
        _trainingBudget = trainingBudget ?? (() => options.TrainingPerFrame);
        Experiment = new Experiment(config);
        Stream = new SnapshotStream();
        Stream.Publish(Experiment.Snapshot(playing: false, error: null));
        _thread = new Thread(Run) { IsBackground = true, Name = $"playground session {id}" };
        _thread.Start();
    }

    /// <summary>The session's id, as in <c>/api/sessions/{id}</c>.</summary>
    public string Id { get; }

    /// <summary>The data and the network.</summary>
    public Experiment Experiment { get; }

    /// <summary>Where the snapshots go, and who watches them.</summary>
    public SnapshotStream Stream { get; }

    /// <summary>Whether the session trains continuously.</summary>
    public bool IsPlaying { get { lock (_gate) return _playing; } }

    /// <summary>Train continuously.</summary>
    public void Play() => Signal(() => (_playing, _changed) = (true, true));

    /// <summary>Stop after the current epoch.</summary>
    public void Pause() => Signal(() => (_playing, _changed) = (false, true));

    /// <summary>Train one epoch (when paused).</summary>
    public void Step() => Signal(() => _stepsRequested = Math.Min(_stepsRequested + 1, 100));

    /// <summary>Re-initialise the network (same seed: the same start) and pause.</summary>
    public void Reset() => Signal(() => (_playing, _resetRequested, _stepsRequested) = (false, true, 0));

    /// <summary>Stops the thread after its current epoch and ends every event stream.</summary>
    public void Dispose()
    {
        Signal(() => _disposed = true);
        Stream.Complete();
    }

    private void Signal(Action change)
    {
        lock (_gate)
        {
            change();
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The session's thread: wait for a command, train, publish, keep the frame rate.</summary>
    private void Run()
    {
        while (true)
        {
            bool playing, reset;
            int steps;
            lock (_gate)
            {
                while (!_disposed && !_playing && _stepsRequested == 0 && !_resetRequested && !_changed)
                    Monitor.Wait(_gate);
                if (_disposed) return;
                (playing, reset, steps) = (_playing, _resetRequested, _stepsRequested);
                (_resetRequested, _stepsRequested, _changed) = (false, 0, false);
            }

            var frame = Stopwatch.StartNew();
            if (reset)
            {
                Experiment.Reset();
                _error = null;
            }
            else if (playing || steps > 0)
                Train(playing ? int.MaxValue : steps, playing ? _trainingBudget() : TimeSpan.MaxValue);
            lock (_gate) playing = _playing;
            Stream.Publish(Experiment.Snapshot(playing, _error));

            lock (_gate)
            {
                var rest = _options.FrameInterval - frame.Elapsed;   // a command (pause, step, reset, dispose) ends the wait early
                if (rest > TimeSpan.Zero && _playing && !_disposed && !_resetRequested && _stepsRequested == 0)
                    Monitor.Wait(_gate, rest);
            }
        }
    }

    /// <summary>Up to <paramref name="epochs"/> epochs, stopping once <paramref name="budget"/> has passed (after at least one).</summary>
    private void Train(int epochs, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            for (int i = 0; i < epochs && (i == 0 || clock.Elapsed < budget); i++)
            {
                lock (_gate)
                    if (_disposed || _resetRequested) return;
                Experiment.TrainEpoch();
            }
        }
        catch (Exception e)
        {
            // a diverging run (TrainingDivergedException says where and why), or anything else: the session stops, the server goes on
            _error = e is TrainingDivergedException ? e.Message + " Lower the learning rate, or reset." : "Training stopped: " + e.Message;
            lock (_gate) _playing = false;
        }
    }
}
