using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Serialization;
using NeuralNet.Tests.Data;

namespace NeuralNet.Tests.Serialization;

public class ActivationRegistryTests
{
    /// <summary>f(z) = z / (1 + |z|), under a name of its own so other tests' registrations cannot interfere.</summary>
    private sealed class Softsign(string name) : ElementwiseActivation
    {
        public override string Name => name;
        public override double Apply(double z) => z / (1 + Math.Abs(z));
        public override double Derivative(double z, double a) => (1 - Math.Abs(a)) * (1 - Math.Abs(a));
    }

    /// <summary>f(z) = z·s, a custom activation with a parameter.</summary>
    private sealed class Scaled(double scale) : ElementwiseActivation
    {
        public double Scale => scale;
        public override string Name => "ScaledForRegistryTests";
        public override double Apply(double z) => scale * z;
        public override double Derivative(double z, double a) => scale;
    }

    [Fact]
    public void CustomActivation_SavesUnregistered_LoadsOnlyOnceRegistered()
    {
        using var dir = new TempDirectory();
        string path = dir.File("softsign.json");
        var network = new Network(new Layer(2, 3, new Softsign("SoftsignForRegistryTests")), new Layer(3, 1, new Sigmoid()));
        network.Save(path);                                                   // saving needs no registration

        var e = Should.Throw<InvalidDataException>(() => Network.Load(path));
        e.Message.ShouldContain("layers[0].activation.name \"SoftsignForRegistryTests\" is not a known activation");
        e.Message.ShouldContain("ActivationRegistry.Register(\"SoftsignForRegistryTests\"");

        ActivationRegistry.Register("SoftsignForRegistryTests", _ => new Softsign("SoftsignForRegistryTests"));
        try
        {
            var loaded = Network.Load(path);
            loaded.ToString().ShouldBe(network.ToString());
            var x = Matrix<double>.Build.Dense(2, 3, (i, j) => i - j);
            loaded.Predict(x).ShouldBe(network.Predict(x));
        }
        finally
        {
            ActivationRegistry.Unregister("SoftsignForRegistryTests").ShouldBeTrue();
        }
    }

    [Fact]
    public void CustomActivation_WithParameters_RoundTrips()
    {
        using var dir = new TempDirectory();
        ActivationRegistry.Register("ScaledForRegistryTests", p => new Scaled(p["scale"]), a => new Dictionary<string, double> { ["scale"] = ((Scaled)a).Scale });
        try
        {
            new Network(new Layer(2, 1, new Scaled(2.5))).Save(dir.File("s.json"));
            ((Scaled)Network.Load(dir.File("s.json")).Dense(0).Activation).Scale.ShouldBe(2.5);
        }
        finally
        {
            ActivationRegistry.Unregister("ScaledForRegistryTests");
        }
    }

    [Fact]
    public void Register_RejectsBuiltInNames()
    {
        Should.Throw<ArgumentException>(() => ActivationRegistry.Register("ReLU", _ => new ReLU())).Message.ShouldContain("built-in");
        ActivationRegistry.IsRegistered("ELU").ShouldBeTrue();
        ActivationRegistry.IsRegistered("NoSuchActivation").ShouldBeFalse();
    }
}
