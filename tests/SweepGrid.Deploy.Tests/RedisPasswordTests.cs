using System.Text.RegularExpressions;

namespace SweepGrid.Deploy.Tests;

/// <summary>Redis requires a password everywhere it is deployed; the silos get it (in their connection string) from a
/// Kubernetes Secret or the compose environment, and no deployment file holds one.</summary>
public sealed partial class RedisPasswordTests
{
    private const string ConnectionString = "SWEEPGRID_Redis__ConnectionString";

    [Fact]
    public void Every_kubernetes_silo_takes_its_redis_connection_string_from_a_secret()
    {
        var silos = KubernetesWorkload.All().Where(workload => workload.IsSilo).ToList();
        Assert.NotEmpty(silos);
        foreach (var silo in silos)
        {
            Assert.True(silo.SecretRef(ConnectionString) is not null, $"{silo.Name}: {ConnectionString} is not a secretKeyRef");
            Assert.True(silo.Environment[ConnectionString] == "", $"{silo.Name}: {ConnectionString} has a literal value");
        }
    }

    [Fact]
    public void Kubernetes_redis_requires_the_password_of_the_secret_the_silos_connect_with()
    {
        var redis = KubernetesWorkload.All().Single(workload => workload.Image.StartsWith("redis:", StringComparison.Ordinal));
        var variable = RequiredPassword(redis.Arguments, KubernetesReference(), redis.Name);
        var password = redis.SecretRef(variable) ?? throw new Xunit.Sdk.XunitException($"{redis.Name}: --requirepass $({variable}) is not from a secretKeyRef");
        // The readiness probe's redis-cli reads its password from REDISCLI_AUTH.
        Assert.Equal<(string, string)?>(password, redis.SecretRef("REDISCLI_AUTH"));

        foreach (var silo in KubernetesWorkload.All().Where(workload => workload.IsSilo))
        {
            var connection = silo.SecretRef(ConnectionString)!.Value;
            Assert.True(connection.Name == password.Name, $"{silo.Name} reads Secret {connection.Name}, Redis its password from {password.Name}");
        }

        // What the README puts in that Secret: a connection string with the password, both from one shell variable.
        Assert.True(ReadmeSecrets.Created.TryGetValue(password.Name, out var keys), $"deploy/README.md creates no Secret {password.Name}");
        var shellVariable = Regex.Match(keys.GetValueOrDefault(password.Key, ""), @"^\$\{?(\w+)\}?$");
        Assert.True(shellVariable.Success, $"deploy/README.md's {password.Name} {password.Key} is no shell variable");
        foreach (var silo in KubernetesWorkload.All().Where(workload => workload.IsSilo))
        {
            Assert.Matches($@"(^|,)password=\$\{{?{shellVariable.Groups[1].Value}\b", keys.GetValueOrDefault(silo.SecretRef(ConnectionString)!.Value.Key, ""));
        }
    }

    [Fact]
    public void Compose_redis_requires_the_password_the_silos_connect_with_from_the_environment()
    {
        var services = ComposeService.All();
        var redis = services.Single(service => service.Image.StartsWith("redis:", StringComparison.Ordinal));
        var variable = RequiredPassword(redis.Command, ComposeReference(), redis.Name);
        Assert.Equal(variable, ComposeVariable(redis.Environment.GetValueOrDefault("REDISCLI_AUTH", "")));

        var silos = services.Where(service => service.IsSilo).ToList();
        Assert.NotEmpty(silos);
        foreach (var silo in silos)
        {
            var password = Regex.Match(silo.Environment[ConnectionString], @"(?:^|,)password=([^,]*)");
            Assert.True(password.Success, $"{silo.Name}: {ConnectionString} has no password");
            Assert.Equal(variable, ComposeVariable(password.Groups[1].Value));
        }
    }

    [Fact]
    public void No_password_literal_sits_in_a_deployment_file()
    {
        var files = DeployFiles.AllTextFiles.Where(path => !path.EndsWith(".md", StringComparison.Ordinal)).ToList();
        var literals = files.SelectMany(path => PasswordValue().Matches(File.ReadAllText(path))
                .Select(match => (File: Path.GetRelativePath(RepoRoot.Path, path), match.Value, Given: match.Groups["value"].Value)))
            .Where(found => !found.Given.StartsWith('$'))
            .Select(found => $"{found.File}: {found.Value}")
            .ToList();
        Assert.True(literals.Count == 0, "password literals:\n" + string.Join("\n", literals));

        // A Secret with its data in a manifest is a password in the repository.
        var secrets = DeployFiles.YamlFiles.SelectMany(Yaml.LoadDocuments)
            .Where(document => document.Child("kind").Text() == "Secret" && (document.Child("data") is not null || document.Child("stringData") is not null));
        Assert.Empty(secrets);

        // An env entry named like a password takes a reference, never a literal.
        var kubernetes = KubernetesWorkload.All().SelectMany(workload => workload.Container.Child("env").Items()
            .Where(item => PasswordName().IsMatch(item.Child("name").Text() ?? "") && item.Child("value") is not null)
            .Select(item => $"{workload.File} {workload.Name}: {item.Child("name").Text()}"));
        var compose = ComposeService.All().SelectMany(service => service.Environment
            .Where(entry => PasswordName().IsMatch(entry.Key) && !entry.Value.StartsWith('$'))
            .Select(entry => $"compose.yaml {service.Name}: {entry.Key}"));
        var named = kubernetes.Concat(compose).ToList();
        Assert.True(named.Count == 0, "password variables with literal values: " + string.Join(", ", named));
    }

    /// <summary>The variable --requirepass takes its value from; fails when it is a literal.</summary>
    private static string RequiredPassword(IReadOnlyList<string> arguments, Regex reference, string name)
    {
        var at = arguments.ToList().IndexOf("--requirepass");
        Assert.True(at >= 0 && at + 1 < arguments.Count, $"{name} runs Redis without --requirepass: {string.Join(' ', arguments)}");
        var variable = reference.Match(arguments[at + 1]);
        Assert.True(variable.Success, $"{name}: --requirepass is given a literal, not a variable");
        return variable.Groups[1].Value;
    }

    private static string? ComposeVariable(string value) => ComposeReference().Match(value) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"^\$\(([A-Za-z_][A-Za-z0-9_]*)\)$")]
    private static partial Regex KubernetesReference();

    /// <summary>${NAME}, ${NAME:?message}, ${NAME?message}: compose interpolation from the environment or the .env file.</summary>
    [GeneratedRegex(@"^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?\?[^}]*)?\}$")]
    private static partial Regex ComposeReference();

    [GeneratedRegex(@"(?:password=|--requirepass[""',\s]+)(?<value>[^,\s""'\]]*)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordValue();

    [GeneratedRegex(@"PASSWORD|PASS\b|REDISCLI_AUTH|SECRET", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordName();
}
