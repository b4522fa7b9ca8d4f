using NeuralNet.Activations;
using NeuralNet.Optimizers;

namespace NeuralNet.Tests.Training;

/// <summary>Sgd and Adam export their per-parameter state and a fresh instance that imports it continues identically.</summary>
public class ResumeOptimizerStateTests
{
    private static Network NewNetwork()
    {
        var network = new Network(new Layer(3, 4, new Tanh()), new Layer(4, 2, new Sigmoid(), batchNorm: true));
        network.Initialize(seed: 2);
        return network;
    }

    /// <summary>Fills every gradient with values that depend on the step, then steps.</summary>
    private static void Step(IOptimizer optimizer, Network network, int step)
    {
        foreach (var p in network.Parameters)
            for (int i = 0; i < p.Gradient.Length; i++) p.Gradient[i] = Math.Sin(7 * step + i + p.Value.Length);
        optimizer.Step(network.Parameters, 0.05);
    }

    public static TheoryData<string> Names() => ["sgd", "nesterov", "adam"];

    private static IStatefulOptimizer Create(string name) => name switch
    {
        "sgd" => new Sgd(momentum: 0.9),
        "nesterov" => new Sgd(momentum: 0.9, nesterov: true),
        _ => new Adam(),
    };

    [Theory, MemberData(nameof(Names))]
    public void ExportThenImport_ContinuesBitIdentically(string name)
    {
        var (a, b) = (NewNetwork(), NewNetwork());
        var (first, second) = (Create(name), Create(name));
        for (int s = 0; s < 3; s++) { Step(first, a, s); Step(second, b, s); }

        var c = NewNetwork();
        for (int p = 0; p < c.Parameters.Count; p++) b.Parameters[p].Value.CopyTo(c.Parameters[p].Value, 0);
        var imported = Create(name);
        imported.ImportState(c.Parameters, second.ExportState(b.Parameters));
        for (int s = 3; s < 6; s++) { Step(first, a, s); Step(imported, c, s); }

        for (int p = 0; p < a.Parameters.Count; p++)
            c.Parameters[p].Value.ShouldBe(a.Parameters[p].Value);
    }

    [Fact]
    public void Export_HoldsAdamsStepAndMoments_AndNothingBeforeTheFirstStep()
    {
        var network = NewNetwork();
        var adam = new Adam();
        adam.ExportState(network.Parameters).Parameters.ShouldAllBe(p => p == null);
        Step(adam, network, 0);
        Step(adam, network, 1);
        var state = adam.ExportState(network.Parameters);
        state.Optimizer.ShouldBe("Adam");
        state.Parameters.Count.ShouldBe(network.Parameters.Count);
        state.Parameters[0]!.Step.ShouldBe(2);
        state.Parameters[0]!.Buffers.Keys.Order().ShouldBe(["m", "v"]);
        state.Parameters[0]!.Buffers["m"].Length.ShouldBe(12);
        new Sgd().ExportState(network.Parameters).Parameters.ShouldAllBe(p => p == null);   // plain SGD keeps no state
    }

    [Fact]
    public void Import_RejectsAnotherOptimizersStateAndWrongSizes()
    {
        var network = NewNetwork();
        var adam = new Adam();
        Step(adam, network, 0);
        var state = adam.ExportState(network.Parameters);
        Should.Throw<ArgumentException>(() => new Sgd(momentum: 0.9).ImportState(network.Parameters, state)).Message.ShouldContain("Adam's state");
        Should.Throw<ArgumentException>(() => new Adam().ImportState(network.Parameters.Take(2).ToArray(), state)).Message.ShouldContain("holds 5 parameters but 2");
        var wrong = new Network(new Layer(3, 5, new Tanh()), new Layer(5, 2, new Sigmoid(), batchNorm: true));
        Should.Throw<ArgumentException>(() => new Adam().ImportState(wrong.Parameters, state)).Message.ShouldContain("has 12 values, expected 15");
    }
}
