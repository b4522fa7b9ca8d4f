using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Internal;

namespace NeuralNet.Diagnostics;

/// <summary>
/// Verifies backpropagation against central differences: ∂C/∂θ ≈ (C(θ + h) − C(θ − h)) / 2h, with error O(h²).
/// </summary>
/// <remarks>
/// Use it on any network, activation or loss, especially your own. With h = 1e-5 in double precision a correct
/// gradient typically gives relative errors of 1e-8 to 1e-11; a mistake gives 1e-2 or more. Kinks (ReLU at 0) can make a
/// correct gradient fail if an input lies within h of one: check on inputs away from kinks.
/// </remarks>
/// <example><code>
/// var check = GradientChecker.Check(network, x, y, new MeanSquaredError());
/// Console.WriteLine(check.MaxRelativeError);   // e.g. 3.1E-10
/// </code></example>
public static class GradientChecker
{
    /// <summary>The default step h.</summary>
    public const double DefaultStep = 1e-5;

    /// <summary>
    /// Checks the gradient of every <see cref="Layer.Parameters"/> entry of <paramref name="network"/> (W and b, or W, γ and β
    /// with batch norm) on one batch, in training mode, by perturbing each value in turn. The parameters are left exactly as they were.
    /// </summary>
    /// <remarks>
    /// The cost is C = (1/m)·Σₓ Cₓ of a training-mode forward pass. To make it a deterministic function of the parameters,
    /// the layers are frozen for the duration of the check: batch-norm running statistics are not updated, and each
    /// dropout layer draws one mask for the batch size (or keeps the one it has) and reuses it for every evaluation.
    /// </remarks>
    /// <exception cref="ArgumentException">Mismatched shapes or non-finite values in the batch.</exception>
    public static GradientCheckResult Check(Network network, Matrix<double> inputs, Matrix<double> targets, ILoss loss, double step = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        Guard.Positive(step, nameof(step));
        network.ValidateBatch(inputs, targets);
        double Cost() => network.ForwardBackward(inputs, targets, loss);

        using var training = network.BeginTrainingStep();   // perturbs the parameters: no Predict may overlap
        SetFrozen(network, true);
        try
        {
            Cost();
            var analytic = network.Layers.Select(layer => layer.Parameters.Select(p => (double[])p.Gradient.Clone()).ToArray()).ToArray();
            var layers = new List<LayerGradientCheck>();
            for (int l = 0; l < network.Layers.Count; l++)
            {
                var parameters = network.Layers[l].Parameters;
                var errors = new Dictionary<string, double>();
                for (int p = 0; p < parameters.Count; p++)
                    errors[parameters[p].Name] = RelativeError(analytic[l][p], Numerical(parameters[p].Value, Cost, step));
                layers.Add(new LayerGradientCheck(l, FirstError(parameters, errors, weight: true), FirstError(parameters, errors, weight: false), errors));
            }
            Cost(); // leave the layers' gradients as backprop computed them
            return new GradientCheckResult(layers.Max(c => c.ParameterRelativeErrors!.Values.Max()), layers);
        }
        finally
        {
            SetFrozen(network, false);
        }
    }

    /// <summary>Freezes (or thaws) the built-in layers' dropout masks and running statistics; a layer of the user's own is left alone.</summary>
    private static void SetFrozen(Network network, bool frozen)
    {
        foreach (var layer in network.Layers)
            if (layer is Layer dense) dense.Frozen = frozen;
    }

    /// <summary>The error of the first weight (or other) parameter, in the layer's order: W, then b or β; 0 if there is none.</summary>
    private static double FirstError(IReadOnlyList<Parameter> parameters, Dictionary<string, double> errors, bool weight)
    {
        // b comes before γ in no layer, and β is the bias's stand-in with batch norm, so prefer "b", then "β", then the first.
        if (!weight && errors.TryGetValue("b", out double b)) return b;
        if (!weight && errors.TryGetValue("β", out double beta)) return beta;
        var first = parameters.FirstOrDefault(p => p.IsWeight == weight);
        return first is null ? 0 : errors[first.Name];
    }

    /// <summary>
    /// Checks an activation's <see cref="IActivation.Backward"/> at <paramref name="z"/>: with a fixed random upstream
    /// gradient G (seeded), compares dZ from Backward(Z, f(Z), G) with the central difference of Σ G ⊙ f(Z).
    /// </summary>
    public static GradientCheckResult CheckActivation(IActivation activation, Matrix<double> z, double step = DefaultStep, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(z);
        Guard.Positive(step, nameof(step));
        var random = new Random(seed);
        var g = Matrix<double>.Build.Dense(z.RowCount, z.ColumnCount, (_, _) => 2 * random.NextDouble() - 1);
        var point = Matrix<double>.Build.DenseOfMatrix(z);
        var a = Matrix<double>.Build.Dense(z.RowCount, z.ColumnCount);
        var dZ = Matrix<double>.Build.Dense(z.RowCount, z.ColumnCount);
        activation.Forward(point, a);
        activation.Backward(point, a, g, dZ);
        double Objective()
        {
            activation.Forward(point, a);
            return a.PointwiseMultiply(g).Enumerate().Sum();
        }
        double error = RelativeError(dZ.AsColumnMajorArray(), Numerical(point.AsColumnMajorArray(), Objective, step));
        return new GradientCheckResult(error, []);
    }

    /// <summary>
    /// Checks a loss's <see cref="ILoss.Gradient"/> at output A and target Y: (1/m)·∇ₐCₓ must equal the central difference
    /// of C = <see cref="ILoss.Value"/> with respect to each element of A.
    /// </summary>
    public static GradientCheckResult CheckLoss(ILoss loss, Matrix<double> output, Matrix<double> target, double step = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(output);
        Guard.Positive(step, nameof(step));
        var point = Matrix<double>.Build.DenseOfMatrix(output);
        var gradient = Matrix<double>.Build.Dense(output.RowCount, output.ColumnCount);
        loss.Gradient(point, target, gradient);
        gradient = gradient / output.ColumnCount;   // ∂C/∂a = (1/m)·∇ₐCₓ
        double error = RelativeError(gradient.AsColumnMajorArray(), Numerical(point.AsColumnMajorArray(), () => loss.Value(point, target), step));
        return new GradientCheckResult(error, []);
    }

    /// <summary>Central differences of <paramref name="cost"/> with respect to each element of <paramref name="values"/>, restoring each afterwards.</summary>
    private static double[] Numerical(double[] values, Func<double> cost, double step)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double saved = values[i];
            values[i] = saved + step;
            double plus = cost();
            values[i] = saved - step;
            double minus = cost();
            values[i] = saved;
            result[i] = (plus - minus) / (2 * step);
        }
        return result;
    }

    private static double RelativeError(double[] analytic, double[] numerical)
    {
        double difference = 0, a = 0, n = 0;
        for (int i = 0; i < analytic.Length; i++)
        {
            double d = analytic[i] - numerical[i];
            difference += d * d;
            a += analytic[i] * analytic[i];
            n += numerical[i] * numerical[i];
        }
        return Math.Sqrt(difference) / Math.Max(Math.Sqrt(a) + Math.Sqrt(n), 1e-300);
    }
}
