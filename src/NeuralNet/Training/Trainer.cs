using System.Diagnostics;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;
using NeuralNet.LinearAlgebra;
using NeuralNet.Serialization;
using NeuralNet.Internal;

namespace NeuralNet.Training;

/// <summary>
/// Mini-batch gradient descent: for each epoch, shuffle, split into mini-batches of m samples, and for each batch
/// backpropagate (<see cref="Network"/>) and let the optimizer update every parameter.
/// </summary>
/// <remarks>
/// <para>Nielsen's <c>SGD</c> / <c>update_mini_batch</c>, with pluggable loss, optimizer and weight decay. Inputs and
/// targets have one column per sample. The library never prints: watch progress with an <see cref="IProgress{T}"/>.</para>
/// <para>With batch normalisation, a last mini-batch of a single sample is merged into the one before it (a batch of one
/// has no variance to normalise by).</para>
/// <para>Once warm, a training step allocates nothing: mini-batches are gathered into reusable buffers and every layer
/// keeps its work matrices.</para>
/// <para><b>Threads.</b> A trainer is used from one thread at a time. Its network may be predicted from other threads
/// between steps; a <see cref="Network.Predict(Matrix{double})"/> that overlaps a step, or a second trainer (or
/// <see cref="Network.Backpropagate"/>) stepping the same network from another thread at the same moment, throws
/// <see cref="InvalidOperationException"/> rather than racing.</para>
/// </remarks>
/// <example><code>
/// var trainer = new Trainer(network, new TrainerOptions { Epochs = 2000, BatchSize = 4, LearningRate = 0.5 });
/// TrainingHistory history = trainer.Train(x, y);
/// </code></example>
public sealed class Trainer
{
    private readonly LayerStatistics[] _statistics;
    private Matrix<double>? _batchInputs, _batchTargets, _lastInputs, _lastTargets;
    private readonly ColumnGather _gather = new();

    /// <summary>Creates a trainer for <paramref name="network"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Trainer(Network network, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        Network = network;
        Options = options;
        _statistics = network.Layers.Select((layer, i) => new LayerStatistics(network, layer, i)).ToArray();
    }

    /// <summary>The network being trained (its parameters change in place).</summary>
    public Network Network { get; }

    /// <summary>The training settings.</summary>
    public TrainerOptions Options { get; }

    /// <summary>Trains on inputs X (n_in × n) and targets Y (n_out × n) for <see cref="TrainerOptions.Epochs"/> epochs.</summary>
    /// <param name="inputs">X, one column per sample.</param>
    /// <param name="targets">Y, one column per sample.</param>
    /// <param name="progress">Receives each <see cref="EpochReport"/> as soon as the epoch ends.</param>
    /// <param name="cancellationToken">Stops training after the current mini-batch; the history is marked <see cref="TrainingHistory.Cancelled"/>.</param>
    /// <returns>One report per completed epoch.</returns>
    /// <exception cref="ArgumentException">Mismatched shapes (naming both) or NaN/Infinity in the data (naming row and column).</exception>
    /// <exception cref="TrainingDivergedException">The cost or a gradient became NaN or infinite.</exception>
    public TrainingHistory Train(Matrix<double> inputs, Matrix<double> targets,
        IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default) =>
        Train(inputs, targets, null, null, progress, cancellationToken);

    /// <summary>Trains as <see cref="Train(Matrix{double}, Matrix{double}, IProgress{EpochReport}?, CancellationToken)"/>, and after every epoch measures the cost and accuracy on a validation set.</summary>
    /// <param name="inputs">X, one column per sample.</param>
    /// <param name="targets">Y, one column per sample.</param>
    /// <param name="validationInputs">Validation X (n_in × n_v), or null.</param>
    /// <param name="validationTargets">Validation Y (n_out × n_v), or null.</param>
    /// <param name="progress">Receives each <see cref="EpochReport"/> as soon as the epoch ends.</param>
    /// <param name="cancellationToken">Stops training after the current mini-batch.</param>
    public TrainingHistory Train(Matrix<double> inputs, Matrix<double> targets,
        Matrix<double>? validationInputs, Matrix<double>? validationTargets,
        IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate(inputs, targets, validationInputs, validationTargets);
        return Run(inputs, targets, validationInputs, validationTargets, new TrainingState(), progress, cancellationToken);
    }

    /// <summary>
    /// Continues training from a checkpoint written with <see cref="TrainerOptions.Checkpoints"/>: loads its weights and
    /// batch-norm statistics into <see cref="Network"/>, its state into the optimizer (<see cref="Optimizers.IStatefulOptimizer"/>),
    /// and trains the remaining epochs up to <see cref="TrainerOptions.Epochs"/>. With the same options and data the result
    /// is bit-identical to an uninterrupted run.
    /// </summary>
    /// <param name="checkpointPath">A checkpoint (e.g. <see cref="CheckpointOptions.LastPath"/>).</param>
    /// <param name="inputs">X, one column per sample: the same data as the interrupted run.</param>
    /// <param name="targets">Y, one column per sample.</param>
    /// <param name="validationInputs">Validation X, or null.</param>
    /// <param name="validationTargets">Validation Y, or null.</param>
    /// <param name="progress">Receives each new <see cref="EpochReport"/>.</param>
    /// <param name="cancellationToken">Stops training after the current mini-batch.</param>
    /// <returns>The whole history: the checkpoint's epochs (without per-layer diagnostics) followed by the new ones.</returns>
    /// <exception cref="InvalidDataException">Not a valid checkpoint; the message names the file and the field.</exception>
    /// <exception cref="ArgumentException">The checkpoint belongs to another architecture, seed or optimizer, or the data are invalid.</exception>
    public TrainingHistory Resume(string checkpointPath, Matrix<double> inputs, Matrix<double> targets,
        Matrix<double>? validationInputs = null, Matrix<double>? validationTargets = null,
        IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate(inputs, targets, validationInputs, validationTargets);
        TrainingState state;
        using (Network.BeginTrainingStep()) state = Checkpoint.Read(checkpointPath, Network, Options);   // loads the weights
        return Run(inputs, targets, validationInputs, validationTargets, state, progress, cancellationToken);
    }

    /// <summary>Continues training on <see cref="Dataset"/>s from a checkpoint; see <see cref="Resume(string, Matrix{double}, Matrix{double}, Matrix{double}?, Matrix{double}?, IProgress{EpochReport}?, CancellationToken)"/>.</summary>
    public TrainingHistory Resume(string checkpointPath, Dataset training, Dataset? validation = null,
        IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        return Resume(checkpointPath, training.Inputs, training.Targets, validation?.Inputs, validation?.Targets, progress, cancellationToken);
    }

    private void Validate(Matrix<double> inputs, Matrix<double> targets, Matrix<double>? validationInputs, Matrix<double>? validationTargets)
    {
        Network.ValidateBatch(inputs, targets);
        if ((validationInputs is null) != (validationTargets is null))
            throw new ArgumentException("Pass both validationInputs and validationTargets, or neither.", validationInputs is null ? nameof(validationInputs) : nameof(validationTargets));
        if (validationInputs is not null)
            Network.ValidateBatch(validationInputs, validationTargets!, nameof(validationInputs), nameof(validationTargets));
    }

    /// <summary>The epoch loop, from epoch state.Epoch + 1 to <see cref="TrainerOptions.Epochs"/>.</summary>
    private TrainingHistory Run(Matrix<double> inputs, Matrix<double> targets, Matrix<double>? validationInputs, Matrix<double>? validationTargets,
        TrainingState state, IProgress<EpochReport>? progress, CancellationToken cancellationToken)
    {
        var x = Dense(inputs);
        var y = Dense(targets);
        int n = x.ColumnCount;
        int batchSize = Math.Min(Options.BatchSize, n);
        var order = new int[n];
        var history = state.History;
        bool batchNorm = Network.Layers.Any(l => l is Layer { BatchNorm: true });
        var stopping = Options.EarlyStopping;

        for (int epoch = state.Epoch + 1; epoch <= Options.Epochs; epoch++)
        {
            if (stopping is not null && state.EpochsWithoutImprovement >= stopping.Patience)
            {
                history.StoppedEarly = true;        // checked before the epoch, so a run resumed after it stopped stays stopped
                break;
            }
            var clock = Stopwatch.StartNew();
            double learningRate = Options.Schedule?.LearningRate(epoch, Options.Epochs, Options.LearningRate) ?? Options.LearningRate;
            // Every random stream of the epoch is seeded from (Seed, epoch) alone, so a resumed run draws what an uninterrupted one draws.
            for (int i = 0; i < n; i++) order[i] = i;
            if (Options.Shuffle) new Random(SeedSequence.Derive(Options.Seed, epoch, SeedSequence.Shuffle)).Shuffle(order);   // seeded Fisher–Yates
            var augmentationRandom = Options.Augmentation is null ? null : new Random(SeedSequence.Derive(Options.Seed, epoch, SeedSequence.Augmentation));
            for (int l = 0; l < Network.Layers.Count; l++)
                (Network.Layers[l] as Layer)?.SeedDropout(SeedSequence.Derive(Options.Seed, epoch, SeedSequence.Dropout + l));
            foreach (var s in _statistics) s.Reset();
            double lossSum = 0;
            int batch = 0;
            for (int start = 0, m; start < n; start += m)
            {
                m = Math.Min(batchSize, n - start);
                if (batchNorm && n - start - m == 1) m++;     // batch norm cannot normalise a batch of one: the last sample joins this batch
                var (xb, yb) = Gather(x, y, order, start, m);
                Options.Augmentation?.Apply(xb, augmentationRandom!);
                batch++;
                lossSum += Step(xb, yb, learningRate, epoch, batch) * m;
                if (Options.CollectDiagnostics)
                    foreach (var s in _statistics) s.AddActivations();
                if (cancellationToken.IsCancellationRequested)
                {
                    history.Cancelled = true;
                    return history;
                }
            }

            double? validationLoss = null, validationAccuracy = null;
            if (validationInputs is not null)
            {
                using var step = Network.BeginTrainingStep();   // the layers' buffers are the training thread's
                var output = Network.Forward(validationInputs, training: false);
                validationLoss = Options.Loss.Value(output, validationTargets!);
                validationAccuracy = Accuracy(output, validationTargets!);
            }
            var report = new EpochReport(epoch, lossSum / n, validationLoss, validationAccuracy, clock.Elapsed,
                learningRate, _statistics.Select(s => s.Report()).ToArray());
            history.Add(report);

            // The monitored loss: validation loss if there is a validation set, else the training loss.
            double monitored = validationLoss ?? report.Loss;
            bool improved = monitored < state.BestLoss - (stopping?.MinDelta ?? 0);
            state.Epoch = epoch;
            if (improved)
            {
                (state.BestLoss, state.BestEpoch, state.EpochsWithoutImprovement) = (monitored, epoch, 0);
                if (stopping?.RestoreBestWeights == true) state.BestWeights = NetworkSnapshot.Capture(Network);
            }
            else
                state.EpochsWithoutImprovement++;
            (history.BestEpoch, history.BestLoss) = (state.BestEpoch, state.BestEpoch is null ? null : state.BestLoss);
            if (Options.Checkpoints is { } checkpoints)
            {
                Checkpoint.Write(checkpoints.LastPath, Network, Options, state);
                if (improved)
                {
                    byte[] bytes = File.ReadAllBytes(checkpoints.LastPath);
                    AtomicFile.Write(checkpoints.BestPath, stream => stream.Write(bytes));
                }
            }
            progress?.Report(report);
        }
        (history.BestEpoch, history.BestLoss) = (state.BestEpoch, state.BestEpoch is null ? null : state.BestLoss);
        if (stopping?.RestoreBestWeights == true && state.BestWeights is not null)
        {
            using var step = Network.BeginTrainingStep();
            state.BestWeights.Restore(Network);
        }
        return history;
    }

    /// <summary>Trains on samples given as one array per sample (inputs[i] and targets[i] belong together).</summary>
    /// <exception cref="ArgumentException">Ragged arrays or a different number of inputs and targets.</exception>
    public TrainingHistory Train(double[][] inputs, double[][] targets,
        IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default) =>
        Train(Guard.Columns(inputs, nameof(inputs)), Guard.Columns(targets, nameof(targets)), progress, cancellationToken);

    /// <summary>Trains on a <see cref="Dataset"/> (its inputs and one-hot targets), measuring cost and accuracy on <paramref name="validation"/> after every epoch if given.</summary>
    /// <param name="training">The training set.</param>
    /// <param name="validation">A validation set, or null.</param>
    /// <param name="progress">Receives each <see cref="EpochReport"/> as soon as the epoch ends.</param>
    /// <param name="cancellationToken">Stops training after the current mini-batch.</param>
    public TrainingHistory Train(Dataset training, Dataset? validation = null,
        IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        return Train(training.Inputs, training.Targets, validation?.Inputs, validation?.Targets, progress, cancellationToken);
    }

    /// <summary>
    /// Exactly one optimisation step on the given batch: backpropagate, add weight decay, update. Returns the batch's cost before the update.
    /// </summary>
    /// <param name="inputs">X, n_in × m.</param>
    /// <param name="targets">Y, n_out × m.</param>
    /// <exception cref="ArgumentException">Mismatched shapes or non-finite values.</exception>
    /// <exception cref="TrainingDivergedException">The cost or a gradient is NaN or infinite; no update is made.</exception>
    /// <exception cref="InvalidOperationException">Another thread is training the same network at this moment.</exception>
    public double TrainBatch(Matrix<double> inputs, Matrix<double> targets)
    {
        Network.ValidateBatch(inputs, targets);
        return Step(inputs, targets, Options.LearningRate, epoch: 1, batch: 1);
    }

    /// <summary>One step without argument checks: backprop, divergence check, weight decay, optimizer.</summary>
    private double Step(Matrix<double> inputs, Matrix<double> targets, double learningRate, int epoch, int batch)
    {
        using var step = Network.BeginTrainingStep();   // one training thread per network; Predict refuses to overlap
        double loss = Network.ForwardBackward(inputs, targets, Options.Loss);
        if (!double.IsFinite(loss))
            throw new TrainingDivergedException(epoch, batch, loss, learningRate, "the loss became " + loss);
        foreach (var s in _statistics)          // an array: no enumerator is allocated
        {
            var norms = s.GradientNorms();
            if (!double.IsFinite(norms.Bias) || !double.IsFinite(norms.Weight))
                throw new TrainingDivergedException(epoch, batch, loss, learningRate, "a gradient became infinite or NaN");
            if (!double.IsFinite(learningRate * norms.Weight) || !double.IsFinite(learningRate * norms.Bias))    // θ − η·g would overflow
                throw new TrainingDivergedException(epoch, batch, loss, learningRate,
                    $"the step η·‖∂C/∂θ‖ overflows (‖∂C/∂W‖ = {norms.Weight}, ‖∂C/∂b‖ = {norms.Bias})");
            s.AddGradientNorms(norms);
        }
        if (Options.WeightDecay > 0)
        {
            var parameters = Network.Parameters;  // indexed: foreach over the interface would allocate an enumerator per step
            for (int i = 0; i < parameters.Count; i++)
                if (parameters[i].IsWeight)
                    TensorPrimitives.MultiplyAdd(parameters[i].Value, Options.WeightDecay, parameters[i].Gradient, parameters[i].Gradient); // g ← g + λ·W
        }
        Options.Optimizer.Step(Network.Parameters, learningRate);
        return loss;
    }

    /// <summary>Copies the columns order[start .. start+m) of X and Y into reusable batch buffers.</summary>
    private (Matrix<double>, Matrix<double>) Gather(Matrix<double> x, Matrix<double> y, int[] order, int start, int m)
    {
        var xb = BatchBuffer(ref _batchInputs, ref _lastInputs, x.RowCount, m);
        var yb = BatchBuffer(ref _batchTargets, ref _lastTargets, y.RowCount, m);
        _gather.Copy(x, xb, order, start);      // X on both cores when large enough
        ColumnGather.CopyColumns(y, yb, order, start);
        return (xb, yb);
    }

    /// <summary>A rows × m buffer: the full-batch one, or the one for a smaller last batch; allocated once.</summary>
    private static Matrix<double> BatchBuffer(ref Matrix<double>? full, ref Matrix<double>? last, int rows, int m)
    {
        if (full is not null && full.RowCount == rows && full.ColumnCount == m) return full;
        if (last is not null && last.RowCount == rows && last.ColumnCount == m) return last;
        if (full is null || full.RowCount != rows) return full = Matrix<double>.Build.Dense(rows, m);
        return last = Matrix<double>.Build.Dense(rows, m);
    }

    private static Matrix<double> Dense(Matrix<double> m) =>
        m.AsColumnMajorArray() is not null ? m : Matrix<double>.Build.DenseOfMatrix(m);

    /// <summary>Share of columns classified correctly: argmax(a) = argmax(y) (<see cref="Evaluation"/>'s rule), or for a single output (a ≥ 0.5) = (y ≥ 0.5).</summary>
    internal static double Accuracy(Matrix<double> outputs, Matrix<double> targets)
    {
        var a = (outputs.AsColumnMajorArray() ?? outputs.ToColumnMajorArray()).AsSpan();
        var y = (targets.AsColumnMajorArray() ?? targets.ToColumnMajorArray()).AsSpan();
        int rows = outputs.RowCount, correct = 0;
        for (int c = 0; c < outputs.ColumnCount; c++)
        {
            var output = a.Slice(c * rows, rows);
            var target = y.Slice(c * rows, rows);
            bool hit = rows == 1
                ? (output[0] >= 0.5) == (target[0] >= 0.5)
                : Evaluation.ArgmaxColumn(output) == Evaluation.ArgmaxColumn(target);
            if (hit) correct++;
        }
        return (double)correct / outputs.ColumnCount;
    }
}
