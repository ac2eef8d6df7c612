using System.Net;
using Cake.BuildxCache.Flow;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Refs;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>
/// Two promotions of one branch that cross, on a real registry behind a slow and faulty proxy (RegistryProxy), with a
/// real git history (base, then older, then newer): whatever order the writes land in, the branch ref ends on the
/// newer commit, and the older promotion says it was superseded.
/// </summary>
[TestFixture]
[Category("Registry")]
public sealed class CachePromoterRaceTests : RealRegistryTests
{
    private static readonly DateTimeOffset Written = new(2026, 12, 6, 6, 0, 0, TimeSpan.Zero);
    private GitRepository history = null!;
    private string start = null!;
    private string older = null!;
    private string newer = null!;

    [OneTimeSetUp]
    public void MakeHistory()
    {
        history = GitRepository.Init("main");
        start = history.Commit("base");
        older = history.Commit("older");
        newer = history.Commit("newer");
    }

    [OneTimeTearDown]
    public void RemoveHistory() => history?.Dispose();

    private CommitHistory Git()
    {
        var git = CakeProcesses.Git();
        return new((held, ours) => GitAncestry.Of(git, history.Path, held, ours, "main"), abbreviated => GitAncestry.Resolve(git, history.Path, abbreviated));
    }

    private CachePromoter Promoter(RegistryClient client) => new(client, Git(), CachePromotionRun.Settle, TimeProvider.System);

    private static CachePromotion Promotion(string host, string repository, string commit) =>
        new($"{host}/{repository}:main-{commit[..8]}", $"{host}/{repository}:main", commit, "main");

    private RegistryClient ClientOf(RegistryProxy proxy) =>
        new(new RegistryClientOptions
        {
            Credentials = new ExplicitRegistryCredentials().Add(proxy.Host, new RegistryCredentials(Server.User, new Secret(Server.Password), "registry-user")),
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });

    /// <summary>Both commit refs, and the branch ref holding the base commit's cache, recorded.</summary>
    private async Task PrepareAsync(string repository, RegistryClient client)
    {
        await Content.PushCacheManifestAsync(repository, "main-" + older[..8], [Written]);
        await Content.PushCacheManifestAsync(repository, "main-" + newer[..8], [Written.AddMinutes(1)]);
        await Content.PushCacheManifestAsync(repository, "main", [Written.AddMinutes(-5)]);
        var branchRef = RepositoryReference.Parse($"{Server.Host}/{repository}:main");
        var cache = await client.GetManifestAsync(branchRef);
        await client.PutManifestAsync(branchRef, RecordedManifest.With(cache!.Body, CacheRecord.Of(start)), cache.MediaType);
    }

    private async Task<string?> HeldAsync(RegistryClient client, string repository) =>
        RecordedManifest.Read((await client.GetManifestAsync(RepositoryReference.Parse($"{Server.Host}/{repository}:main")))!.Body)?.Commit;

    private static bool IsBranchPut(ProxiedRequest request, string repository) =>
        request.Method == "PUT" && request.PathAndQuery == $"/v2/{repository}/manifests/main";

    [Test]
    public async Task An_older_PUT_held_past_the_newer_promotion_is_undone_and_the_older_says_it_was_superseded()
    {
        const string Repository = "slow-put/cache";
        using var direct = Client();
        await PrepareAsync(Repository, direct);
        using var proxy = RegistryProxy.Start(Server);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = 0;
        proxy.Before = async request =>
        {
            // The older build's PUT of the branch ref reaches the registry only after the newer build has finished.
            if (IsBranchPut(request, Repository) && Interlocked.Exchange(ref first, 1) == 0)
            {
                held.SetResult();
                await release.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }

            return null;
        };
        using var slow = ClientOf(proxy);

        var olderRun = Promoter(slow).PromoteAsync(Promotion(proxy.Host, Repository, older));
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var newerResult = await Promoter(direct).PromoteAsync(Promotion(Server.Host, Repository, newer));
        release.SetResult();
        var olderResult = await olderRun;

        Assert.That(newerResult.Promoted, Is.True, string.Join('\n', newerResult.Log));
        Assert.That(await HeldAsync(direct, Repository), Is.EqualTo(newer), "the end state is the newer commit:\n" + string.Join('\n', olderResult.Log));
        Assert.That((olderResult.Promoted, olderResult.Decision?.Verdict), Is.EqualTo((false, (PromotionVerdict?)PromotionVerdict.Superseded)), string.Join('\n', olderResult.Log));
        Assert.That(olderResult.Log, Has.Some.Contains($"put main-{newer[..8]} (commit {newer[..8]}, a descendant of this build's) back"));
    }

    [Test]
    public async Task A_503_after_the_PUT_landed_is_not_repeated_over_a_newer_commit_that_landed_in_between()
    {
        const string Repository = "failed-put/cache";
        using var direct = Client();
        await PrepareAsync(Repository, direct);
        using var proxy = RegistryProxy.Start(Server);
        PromotionResult? newerResult = null;
        var first = 0;
        proxy.After = async (request, _) =>
        {
            // The registry stored the older build's copy; before that build hears back, the newer one promotes; then a 503.
            if (IsBranchPut(request, Repository) && Interlocked.Exchange(ref first, 1) == 0)
            {
                newerResult = await Promoter(direct).PromoteAsync(Promotion(Server.Host, Repository, newer));
                return HttpStatusCode.ServiceUnavailable;
            }

            return null;
        };
        using var faulty = ClientOf(proxy);

        var olderResult = await Promoter(faulty).PromoteAsync(Promotion(proxy.Host, Repository, older));

        Assert.That(newerResult?.Promoted, Is.True, newerResult is null ? "the newer build did not run" : string.Join('\n', newerResult.Log));
        Assert.That(newerResult!.Log, Has.Some.Contains($"holds {older[..8]}, an ancestor of {newer[..8]}"), "the older copy had landed when the newer build decided");
        Assert.That(await HeldAsync(direct, Repository), Is.EqualTo(newer), "the end state is the newer commit:\n" + string.Join('\n', olderResult.Log));
        Assert.That((olderResult.Promoted, olderResult.Decision?.Verdict), Is.EqualTo((false, (PromotionVerdict?)PromotionVerdict.Superseded)), string.Join('\n', olderResult.Log));
        Assert.That(proxy.Requests.Count(request => request == $"PUT /v2/{Repository}/manifests/main"), Is.EqualTo(1), "the PUT was not repeated");
    }

    [Test]
    public async Task A_503_before_the_PUT_landed_is_decided_again_and_promotes()
    {
        const string Repository = "refused-put/cache";
        using var direct = Client();
        await PrepareAsync(Repository, direct);
        using var proxy = RegistryProxy.Start(Server);
        var first = 0;
        proxy.Before = request => Task.FromResult(IsBranchPut(request, Repository) && Interlocked.Exchange(ref first, 1) == 0 ? HttpStatusCode.ServiceUnavailable : (HttpStatusCode?)null);
        using var faulty = ClientOf(proxy);

        var result = await Promoter(faulty).PromoteAsync(Promotion(proxy.Host, Repository, newer));

        Assert.That((result.Promoted, result.Decision?.Verdict), Is.EqualTo((true, (PromotionVerdict?)PromotionVerdict.PromoteAncestor)), string.Join('\n', result.Log));
        Assert.That(result.Log, Has.Some.Contains("it may have landed, so the ref is read again instead of repeating the PUT"));
        Assert.That(await HeldAsync(direct, Repository), Is.EqualTo(newer));
    }
}
