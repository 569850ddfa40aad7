using System.Net;
using StackExchange.Redis;
using SweepGrid.Client;
using SweepGrid.Client.Cluster;

namespace SweepGrid.Client.Tests.Cluster;

/// <summary>--cluster redis://… with a password: the client connects with it, and no message shows it.</summary>
public sealed class ClusterTargetTests
{
    [Fact]
    public void A_redis_address_with_a_password_connects_with_it_and_shows_it_nowhere()
    {
        var target = ClusterTarget.Parse("redis://:s3cret-pw@redis-host:6380");

        Assert.NotNull(target.Redis);
        Assert.Equal("s3cret-pw", target.Redis.Password);
        Assert.Null(target.Redis.User);
        Assert.False(target.Redis.Ssl);
        Assert.Equal(new DnsEndPoint("redis-host", 6380), Assert.Single(target.Redis.EndPoints));
        Assert.Equal("redis://:***@redis-host:6380", target.Text);
        Assert.DoesNotContain("s3cret-pw", target.ToString());
    }

    [Fact]
    public void A_user_and_a_percent_encoded_password_are_read_and_rediss_turns_on_tls()
    {
        var target = ClusterTarget.Parse("rediss://sweepgrid:p%40ss%2Cw%3Ard@10.0.0.5:6379");

        Assert.Equal(("sweepgrid", "p@ss,w:rd", true), (target.Redis!.User, target.Redis.Password, target.Redis.Ssl));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 6379), Assert.Single(target.Redis.EndPoints));
        Assert.Equal("rediss://sweepgrid:***@10.0.0.5:6379", target.Text);
    }

    [Fact]
    public void A_redis_address_without_a_password_is_read_as_before()
    {
        var target = ClusterTarget.Parse("redis://127.0.0.1:6379/");

        Assert.Null(target.Redis!.Password);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 6379), Assert.Single(target.Redis.EndPoints));
        Assert.Equal("redis://127.0.0.1:6379/", target.Text);
    }

    [Fact]
    public void A_password_given_as_a_connection_string_option_is_used_and_masked_too()
    {
        var target = ClusterTarget.Parse("redis://redis:6379,password=s3cret-pw,ssl=true");

        Assert.Equal(("s3cret-pw", true), (target.Redis!.Password, target.Redis.Ssl));
        Assert.Equal("redis://redis:6379,password=***,ssl=true", target.Text);
    }

    [Theory]
    [InlineData("redis://:s3cret-pw@")]
    [InlineData("redis://s3cret-pw@redis-host:6379")]
    [InlineData("redis://:s3cret-pw@redis-host:6379,nosuchoption=1")]
    [InlineData("redis://redis-host:6379,password=s3cret-pw,nosuchoption=1")]
    [InlineData("redi://:s3cret-pw@redis-host:6379")]
    public void A_bad_redis_address_is_bad_input_that_does_not_repeat_the_password(string text)
    {
        var e = Assert.Throws<CliInputException>(() => ClusterTarget.Parse(text));

        Assert.StartsWith("--cluster '", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", e.Message);
        Assert.Contains("redis://", e.Message);
    }

    [Fact]
    public void Localhost_targets_are_unchanged()
    {
        Assert.Equal(("localhost:30000", 30000), (ClusterTarget.Parse("localhost").Text, ClusterTarget.Parse("localhost").GatewayPort));
        Assert.Equal(("localhost:31000", (ConfigurationOptions?)null), (ClusterTarget.Parse("127.0.0.1:31000").Text, ClusterTarget.Parse("127.0.0.1:31000").Redis));
    }
}
