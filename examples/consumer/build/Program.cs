using Cake.BuildxCache.Hosting;

// The module's tasks (Plan, BuildWithCache, Publish, ...), this repository's context and its own tasks.
return new CakeHost().UseBuildxCache<ConsumerContext>().Run(args);
