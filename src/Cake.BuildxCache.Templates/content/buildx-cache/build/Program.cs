using Cake.BuildxCache.Hosting;

// The module's tasks: Plan, BuildWithCache, Publish, PruneCache, ... (./build.sh --tree lists them).
return new CakeHost().UseBuildxCache().Run(args);
