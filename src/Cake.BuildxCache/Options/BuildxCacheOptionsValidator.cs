using Cake.BuildxCache.Docker;

namespace Cake.BuildxCache.Options;

/// <summary>
/// Checks <see cref="BuildxCacheOptions"/> once, before any docker command runs: a pure function that
/// returns every problem at once, each naming the option, the bad value (never a secret's) and how to set it.
/// </summary>
public static class BuildxCacheOptionsValidator
{
    /// <summary>All problems of <paramref name="options"/>, read problems first; empty when the options are usable.</summary>
    /// <param name="options">The options.</param>
    /// <param name="isCI">
    /// True under a CI system: then every registry to log in to needs credentials. Locally, missing
    /// credentials are no problem (login is skipped; the developer is logged in already).
    /// </param>
    /// <returns>The problems.</returns>
    public static IReadOnlyList<OptionProblem> Validate(BuildxCacheOptions options, bool isCI)
    {
        ArgumentNullException.ThrowIfNull(options);
        var imageProblems = ImageChecks.Check(options).ToList();
        if (options.Images.Count == 0 || imageProblems.Count > 0)
        {
            return [.. imageProblems, .. ValidateOne(options, isCI)];
        }

        // Each image with the run's options around it: a problem of the run's own options is reported once.
        return [.. ImageOptions.PerImage(options).SelectMany(image => ValidateOne(image, isCI)).DistinctBy(problem => problem.Message, StringComparer.Ordinal)];
    }

    private static List<OptionProblem> ValidateOne(BuildxCacheOptions options, bool isCI)
    {
        var check = new Checker(options);
        check.Problems.AddRange(options.ReadProblems);
        check.Repositories();
        check.Build();
        check.Builder();
        check.Problems.AddRange(BuilderOptionsChecks.Check(options));
        check.Problems.AddRange(BuildFeatureChecks.Check(options));
        check.Problems.AddRange(BuildFeatureChecks.CheckBuildFlags(options));
        check.Problems.AddRange(CacheRecordKeyCheck.Check(options));
        check.Problems.AddRange(FanOutChecks.Check(options));
        check.Cache();
        check.Output();
        check.Tags();
        check.Lists();
        check.Credentials(isCI);
        check.Overrides();
        check.Prune();
        check.RegistryPrune();
        return check.Problems;
    }

    /// <summary>Throws <see cref="BuildxCacheOptionsException"/> listing every problem, if there is any.</summary>
    /// <param name="options">The options.</param>
    /// <param name="isCI">True under a CI system.</param>
    /// <returns><paramref name="options"/>, for chaining.</returns>
    public static BuildxCacheOptions ThrowIfInvalid(BuildxCacheOptions options, bool isCI)
    {
        var problems = Validate(options, isCI);
        return problems.Count == 0 ? options : throw new BuildxCacheOptionsException(problems);
    }

    private sealed class Checker(BuildxCacheOptions o)
    {
        public List<OptionProblem> Problems { get; } = [];

        public void Repositories()
        {
            ImageName? image = null;
            if (string.IsNullOrWhiteSpace(o.Image))
            {
                Add(OptionCatalog.Image, null, "is not set (no argument, BUILDX_IMAGE, configuration or CI_REGISTRY_IMAGE)");
            }
            else
            {
                image = ImageName.Parse(o.Image);
                foreach (var problem in image.Problems())
                {
                    Add(OptionCatalog.Image, o.Image, problem);
                }
            }

            if (o.CacheRepo is not null)
            {
                foreach (var problem in ImageName.Parse(o.CacheRepo).Problems())
                {
                    Add(OptionCatalog.CacheRepo, o.CacheRepo, problem);
                }
            }
            else if (image is not null && image.Problems().Count == 0 && o.EffectiveCacheRepo!.Length > DockerNames.MaxNameLength)
            {
                Add(OptionCatalog.CacheRepo, o.EffectiveCacheRepo, $"(the image + '/cache') is longer than {DockerNames.MaxNameLength} characters; set a shorter one");
            }

            if (o.EffectiveCacheRepo is { } cache && image is not null && o.CacheTagPrefix.Length == 0
                && ImageName.Parse(cache) is var cacheName && cacheName.RegistryHost == image.RegistryHost && cacheName.Path == image.Path)
            {
                Add(OptionCatalog.CacheTagPrefix, null, "is empty while the cache repository is the image's: cache tags would overwrite image tags (use e.g. cache-)");
            }

            if (o.Registry is not null && DockerNames.CheckHost(o.Registry) is { } hostProblem)
            {
                Add(OptionCatalog.Registry, o.Registry, hostProblem);
            }

            if (o.CacheTagPrefix.Length > 0)
            {
                if (!DockerNames.IsValidTag(o.CacheTagPrefix))
                {
                    Add(OptionCatalog.CacheTagPrefix, o.CacheTagPrefix, "would make invalid tags: a tag starts with a letter, digit or '_' and holds only letters, digits, '_', '.' and '-'");
                }
                else if (o.CacheTagPrefix.Length + Refs.RefSlug.MaxLength > DockerNames.MaxTagLength)
                {
                    Add(OptionCatalog.CacheTagPrefix, o.CacheTagPrefix, $"is {o.CacheTagPrefix.Length} characters long: with a {Refs.RefSlug.MaxLength}-character slug the tag would pass {DockerNames.MaxTagLength} (at most {DockerNames.MaxTagLength - Refs.RefSlug.MaxLength})");
                }
            }

            var scope = CacheScope.Of(o);
            if (scope.Problem(o.CacheTagPrefix) is { } scopeProblem)
            {
                Add(OptionCatalog.CacheScope, scope.Value, scopeProblem);
            }
        }

        public void Build()
        {
            foreach (var platform in o.Platforms)
            {
                if (OptionFormats.CheckPlatform(platform) is { } problem)
                {
                    Add(OptionCatalog.Platform, platform, problem);
                }
            }

            if (o.Platforms.Count > 1 && o.Platforms.Distinct(StringComparer.Ordinal).Count() != o.Platforms.Count)
            {
                Add(OptionCatalog.Platform, string.Join(',', o.Platforms), "lists a platform twice");
            }

            if (o.Stage is not null && !OptionFormats.IsStageName(o.Stage))
            {
                Add(OptionCatalog.Stage, o.Stage, "is not a stage name (a letter, then letters, digits, '.', '_' or '-')");
            }

            if (o.Progress is not null && !OptionFormats.ProgressModes.Contains(o.Progress))
            {
                Add(OptionCatalog.Progress, o.Progress, "must be one of " + string.Join(", ", OptionFormats.ProgressModes));
            }

            if (o.MetadataFile is { } metadata && OptionFormats.CheckOutputPath(metadata) is { } pathProblem)
            {
                Add(OptionCatalog.MetadataFile, metadata.Length > 60 ? metadata[..60] + "…" : metadata, pathProblem);
            }
        }

        public void Builder()
        {
            if (!OptionFormats.IsBuilderName(o.Builder))
            {
                Add(OptionCatalog.Builder, o.Builder, "is not a builder name (a letter, then letters, digits, '.', '_' or '-')");
            }

            if (!OptionFormats.BuilderDrivers.Contains(o.BuilderDriver))
            {
                Add(OptionCatalog.BuilderDriver, o.BuilderDriver, "must be one of " + string.Join(", ", OptionFormats.BuilderDrivers));
            }
            else if (o.BuilderDriver == "docker" && o.CacheReadOnly != true)
            {
                Add(OptionCatalog.BuilderDriver, o.BuilderDriver, "cannot export a registry cache: use docker-container, or set cache-readonly=true");
            }

            foreach (var (key, value) in o.DriverOpts)
            {
                if (key.Any(char.IsWhiteSpace))
                {
                    Add(OptionCatalog.DriverOpt, key + "=" + value, "has whitespace in its key");
                }
            }
        }

        public void Cache()
        {
            if (o.CacheCompression is CacheCompression.Estargz && o.CacheOciMediaTypes == false)
            {
                Add(OptionCatalog.CacheCompression, "estargz", "needs OCI media types: drop cache-oci-mediatypes=false");
            }

            if (o.CachePromote && o.CacheReadOnly == true)
            {
                Add(OptionCatalog.CachePromote, "true", "and cache-readonly=true together: a read-only build writes no cache to promote; set --cache-promote=false or --cache-readonly=false");
            }

            if (CacheMountSelection.Problem(o.CacheMounts) is { } mounts)
            {
                Add(OptionCatalog.CacheMounts, o.CacheMounts, mounts);
            }

            if (OptionFormats.CheckSize(o.CacheMountMaxSize) is { } size)
            {
                Add(OptionCatalog.CacheMountMaxSize, o.CacheMountMaxSize, size);
            }
        }

        public void Output()
        {
            if (o.Push == true && o.Load == true)
            {
                Add(OptionCatalog.Push, "true", "and load=true together: an image is either pushed or loaded; set one of them to false");
            }
        }

        public void Tags()
        {
            foreach (var tag in o.ExtraTags)
            {
                if (!DockerNames.IsValidTag(tag))
                {
                    var hint = tag.Contains(':', StringComparison.Ordinal) || tag.Contains('/', StringComparison.Ordinal)
                        ? "is not a tag: give the tag only (it goes on the image repository)"
                        : $"is not a valid tag (a letter, digit or '_', then letters, digits, '_', '.' or '-', at most {DockerNames.MaxTagLength})";
                    Add(OptionCatalog.Tag, tag, hint);
                }
            }
        }

        public void Lists()
        {
            foreach (var (key, value) in o.BuildArgs)
            {
                if (!OptionFormats.IsBuildArgName(key))
                {
                    Add(OptionCatalog.BuildArg, key + "=" + value, $"has a bad name '{key}' (a letter or '_', then letters, digits or '_')");
                }
            }

            foreach (var (key, value) in o.Labels)
            {
                if (key.Any(char.IsWhiteSpace) || key.Any(char.IsControl))
                {
                    Add(OptionCatalog.Label, key + "=" + value, $"has whitespace in its key '{key}'");
                }
            }
        }

        public void Credentials(bool isCI)
        {
            Pair(OptionCatalog.RegistryUser, o.RegistryUser, OptionCatalog.RegistryPassword, o.RegistryPassword);
            Pair(OptionCatalog.CacheRegistryUser, o.CacheRegistryUser, OptionCatalog.CacheRegistryPassword, o.CacheRegistryPassword);
            if (!isCI)
            {
                return;
            }

            foreach (var login in BuildRegistries.For(o, o.EffectiveCacheRepo).Where(login => login.CredentialsOption is null))
            {
                var option = login.Purpose == "cache" ? OptionCatalog.CacheRegistryUser : OptionCatalog.RegistryUser;
                Add(option, null, $"is needed in CI: no credentials for registry {login.Host} ({login.Purpose}); set the user and its password (registry-password / cache-registry-password)");
            }
        }

        public void Overrides()
        {
            if (o.Sha is not null && !OptionFormats.IsSha(o.Sha))
            {
                Add(OptionCatalog.Sha, o.Sha, "is not a commit sha (7 to 64 lowercase hex digits)");
            }

            if (o.Branch is not null && OptionFormats.CheckBranchName(o.Branch) is { } branch)
            {
                Add(OptionCatalog.Branch, o.Branch, branch);
            }

            if (o.DefaultBranch is not null && OptionFormats.CheckBranchName(o.DefaultBranch) is { } defaultBranch)
            {
                Add(OptionCatalog.DefaultBranch, o.DefaultBranch, defaultBranch);
            }
        }

        public void Prune()
        {
            if (o.PruneUntil is not null && OptionFormats.CheckDuration(o.PruneUntil) is { } until)
            {
                Add(OptionCatalog.PruneUntil, o.PruneUntil, until);
            }
            else if (o.PruneUntil is not null && (!OptionFormats.TryParseDuration(o.PruneUntil, out var span) || span.Ticks > long.MaxValue / 100))
            {
                // buildx reads the filter as a Go duration: 64 bits of nanoseconds.
                Add(OptionCatalog.PruneUntil, o.PruneUntil, "is longer than any duration can be (at most about 2562047h); write the age in hours, e.g. 720h for 30 days");
            }

            foreach (var (option, value) in new[]
            {
                (OptionCatalog.PruneReservedSpace, o.PruneReservedSpace),
                (OptionCatalog.PruneMaxUsedSpace, o.PruneMaxUsedSpace),
                (OptionCatalog.PruneMinFreeSpace, o.PruneMinFreeSpace),
            })
            {
                if (value is not null && OptionFormats.CheckSize(value) is { } size)
                {
                    Add(option, value, size);
                }
            }
        }

        public void RegistryPrune()
        {
            if (o.CacheMaxAge is not null)
            {
                if (OptionFormats.DaysAsHours(o.CacheMaxAge) is { } hours)
                {
                    Add(OptionCatalog.CacheMaxAge, o.CacheMaxAge, $"uses days, which durations here do not have: write {hours} for {o.CacheMaxAge}");
                }
                else if (OptionFormats.CheckDuration(o.CacheMaxAge) is { } age)
                {
                    Add(OptionCatalog.CacheMaxAge, o.CacheMaxAge, age);
                }
                else if (!OptionFormats.TryParseDuration(o.CacheMaxAge, out _))
                {
                    Add(OptionCatalog.CacheMaxAge, o.CacheMaxAge, "is longer than any duration can be (at most about 256000000h); write the age in hours, e.g. 720h for 30 days");
                }
                else if (o.CacheMaxAgeSpan is not { } span || span <= TimeSpan.Zero)
                {
                    Add(OptionCatalog.CacheMaxAge, o.CacheMaxAge, "must be longer than zero");
                }
            }

            foreach (var branch in o.LiveBranches)
            {
                if (OptionFormats.CheckBranchName(branch) is { } problem)
                {
                    Add(OptionCatalog.LiveBranches, branch, problem);
                }
            }
        }

        private void Pair(OptionDescriptor userOption, string? user, OptionDescriptor passwordOption, Secret? password)
        {
            if (user is not null && password is null)
            {
                Add(passwordOption, null, $"is missing while {userOption.Name} is set ({o.OriginOf(userOption)})");
            }
            else if (user is null && password is not null)
            {
                Add(userOption, null, $"is missing while {passwordOption.Name} is set ({o.OriginOf(passwordOption)})");
            }
        }

        private void Add(OptionDescriptor option, string? value, string problem) =>
            Problems.Add(OptionProblem.For(option, value, value is null ? null : o.OriginOf(option), problem));
    }
}
