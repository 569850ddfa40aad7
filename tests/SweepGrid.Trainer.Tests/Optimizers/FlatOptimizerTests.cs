using SweepGrid.Trainer.Models;
using SweepGrid.Trainer.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SweepGrid.Trainer.Tests.Optimizers;

public sealed class FlatOptimizerTests
{
    private const int Features = 20;
    private const int Classes = 4;

    public static TheoryData<string> Kinds => ["sgd", "sgd momentum nesterov decay", "adam", "adam betas decay", "rmsprop", "rmsprop momentum decay"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Steps_every_parameter_bit_for_bit_as_the_optimizer_of_each_parameter(string kind)
    {
        using var scope = NewDisposeScope();
        var config = Config(kind);
        using var alone = Model();
        using var flat = Model();
        using var each = OptimizerFactory.Create(config, alone.parameters());
        using var stepper = new FlatOptimizer(config, flat.parameters());

        for (var step = 0; step < 25; step++)
        {
            Train(alone, each, step);
            Train(flat, stepper, step);
        }

        AssertSameValues(alone, flat);
        Assert.True(Moved(flat), "the flat optimizer left the parameters where they started");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Its_state_is_written_and_read_as_the_optimizer_of_each_parameter_writes_and_reads_it(string kind)
    {
        using var scope = NewDisposeScope();
        var config = Config(kind);
        using var flat = Model();
        using var stepper = new FlatOptimizer(config, flat.parameters());
        using var alone = Model();
        using var each = OptimizerFactory.Create(config, alone.parameters());
        for (var step = 0; step < 5; step++)
        {
            Train(flat, stepper, step);
            Train(alone, each, step);
        }

        // The flat state carried on by an optimizer of each parameter, and that one's state carried on by a flat one.
        using var fromFlat = Copy(flat);
        using var eachAfterFlat = OptimizerFactory.Create(config, fromFlat.parameters());
        ((OptimizerHelper)eachAfterFlat).load_state_dict(Written(stepper.SaveState));
        using var fromEach = Copy(alone);
        using var flatAfterEach = new FlatOptimizer(config, fromEach.parameters());
        flatAfterEach.LoadState(Written(w => ((OptimizerHelper)each).save_state_dict(w)));
        for (var step = 5; step < 15; step++)
        {
            Train(flat, stepper, step);
            Train(fromFlat, eachAfterFlat, step);
            Train(fromEach, flatAfterEach, step);
            Train(alone, each, step);
        }

        AssertSameValues(flat, fromFlat);
        AssertSameValues(alone, fromEach);
        AssertSameValues(flat, alone);
    }

    [Fact]
    public void A_learning_rate_set_on_it_is_the_one_it_steps_with_and_writes()
    {
        using var scope = NewDisposeScope();
        var config = Config("adam");
        using var flat = Model();
        using var stepper = new FlatOptimizer(config, flat.parameters());
        stepper.SetLearningRate(0.0123);
        Train(flat, stepper, 0);
        using var other = Model();
        using var each = OptimizerFactory.Create(config, other.parameters());
        ((OptimizerHelper)each).load_state_dict(Written(stepper.SaveState));
        Assert.Equal(0.0123, each.ParamGroups.Single().LearningRate, 12);
    }

    private static OptimizerConfig Config(string kind) => kind switch
    {
        "sgd" => new OptimizerConfig { Kind = OptimizerKind.Sgd, LearningRate = 0.05 },
        "sgd momentum nesterov decay" => new OptimizerConfig { Kind = OptimizerKind.Sgd, LearningRate = 0.05, Momentum = 0.9, Nesterov = true, WeightDecay = 0.01 },
        "adam" => new OptimizerConfig { Kind = OptimizerKind.Adam, LearningRate = 0.01 },
        "adam betas decay" => new OptimizerConfig { Kind = OptimizerKind.Adam, LearningRate = 0.01, Beta1 = 0.8, Beta2 = 0.99, Eps = 1e-6, WeightDecay = 0.01 },
        "rmsprop" => new OptimizerConfig { Kind = OptimizerKind.RmsProp, LearningRate = 0.01 },
        _ => new OptimizerConfig { Kind = OptimizerKind.RmsProp, LearningRate = 0.01, Momentum = 0.5, WeightDecay = 0.01 },
    };

    private static MlpClassifier Model() => new(
        new ModelConfig { Hidden = [16, 8], Activations = [Activation.Relu, Activation.Tanh], BatchNorm = true, Dropout = 0 },
        Features, Classes, new Generator(11), new Generator(12));

    private static MlpClassifier Copy(MlpClassifier source)
    {
        var copy = Model();
        using var _ = no_grad();
        foreach (var (to, from) in copy.parameters().Zip(source.parameters()))
        {
            to.copy_(from);
        }

        foreach (var (to, from) in copy.buffers().Zip(source.buffers()))
        {
            to.copy_(from);
        }

        return copy;
    }

    private static (Tensor X, Tensor Y) Batch(int step)
    {
        var generator = new Generator((ulong)step + 1);
        return (randn([32, Features], generator: generator), randint(0, Classes, [32], generator: generator));
    }

    private static void Train(MlpClassifier model, FlatOptimizer stepper, int step)
    {
        var (x, y) = Batch(step);
        stepper.ZeroGrad();
        nn.functional.cross_entropy(model.forward(x), y).backward();
        stepper.Step();
    }

    private static void Train(MlpClassifier model, optim.Optimizer optimizer, int step)
    {
        var (x, y) = Batch(step);
        optimizer.zero_grad();
        nn.functional.cross_entropy(model.forward(x), y).backward();
        optimizer.step();
    }

    private static BinaryReader Written(Action<BinaryWriter> write)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        stream.Position = 0;
        return new BinaryReader(stream);
    }

    private static void AssertSameValues(MlpClassifier expected, MlpClassifier actual)
    {
        foreach (var ((name, want), (_, got)) in expected.named_parameters().Zip(actual.named_parameters()))
        {
            Assert.True(want.eq(got).all().item<bool>(), $"{name} differs: largest difference {(want - got).abs().max().item<float>()}");
        }
    }

    private static bool Moved(MlpClassifier trained)
    {
        using var fresh = Model();
        return trained.parameters().Zip(fresh.parameters()).Any(p => !p.First.eq(p.Second).all().item<bool>());
    }
}
