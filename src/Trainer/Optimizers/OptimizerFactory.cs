using TorchSharp;
using TorchSharp.Modules;

namespace SweepGrid.Trainer.Optimizers;

public static class OptimizerFactory
{
    public static torch.optim.Optimizer Create(OptimizerConfig config, IEnumerable<Parameter> parameters) => config.Kind switch
    {
        OptimizerKind.Sgd => torch.optim.SGD(parameters, config.LearningRate, momentum: config.Momentum,
            weight_decay: config.WeightDecay, nesterov: config.Nesterov),
        OptimizerKind.Adam => torch.optim.Adam(parameters, config.LearningRate, beta1: config.Beta1, beta2: config.Beta2, eps: config.Eps,
            weight_decay: config.WeightDecay),
        OptimizerKind.RmsProp => torch.optim.RMSProp(parameters, config.LearningRate, eps: config.Eps, weight_decay: config.WeightDecay,
            momentum: config.Momentum),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Kind, null),
    };

    public static void SetLearningRate(torch.optim.Optimizer optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
    }
}
