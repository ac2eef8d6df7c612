using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Tests.Policy;

public sealed class LoginRetryPolicyTests
{
    [TestCase("Get \"http://127.0.0.1:5999/v2/\": dial tcp 127.0.0.1:5999: connect: connection refused", true)]
    [TestCase("read tcp 10.0.0.2:51234->10.0.0.1:443: read: connection reset by peer", true)]
    [TestCase("received unexpected HTTP status: 503 Service Unavailable", true)]
    [TestCase("Get \"https://registry.example.com/v2/\": EOF", true)]
    [TestCase("login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized", false)]
    [TestCase("Get \"http://127.0.0.1:46657/v2/\": context deadline exceeded", false)]
    [TestCase("Get \"https://nope.invalid/v2/\": dial tcp: lookup nope.invalid: no such host", false)]
    public void Only_failures_a_registry_recovers_from_are_retried(string message, bool transient)
    {
        Assert.That(LoginRetryPolicy.IsTransient(message), Is.EqualTo(transient));
    }

    [Test]
    public void At_most_three_attempts_within_a_few_seconds()
    {
        Assert.That(LoginRetryPolicy.Delays, Has.Count.EqualTo(2));
        Assert.That(LoginRetryPolicy.Delays.Sum(delay => delay.TotalSeconds), Is.LessThanOrEqualTo(5));
    }
}
