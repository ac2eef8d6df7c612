using Cake.Cli;
using Cake.Cli.Infrastructure;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Scripting;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace Cake.BuildxCache.Hosting.Internal;

/// <summary>
/// The single command of the host: composes Cake's engine, modules and script hosts for one run,
/// registers the tasks and runs the targets.
/// </summary>
internal sealed class HostCommand(HostBlueprint blueprint) : AsyncCommand<HostCommandSettings>
{
    private const string DefaultTarget = "Default";

    public override async Task<int> ExecuteAsync(CommandContext context, HostCommandSettings settings, CancellationToken cancellationToken)
    {
        ICakeLog? log = null;
        try
        {
            var targets = settings.Targets.Length > 0 ? settings.Targets : [DefaultTarget];
            var arguments = context.Remaining.ToCakeArguments(settings.NoReport, targets);
            await using var services = Compose(arguments);
            log = services.GetRequiredService<ICakeLog>();

            if (settings.ShowVersion)
            {
                new VersionFeature(new HostVersionResolver()).Run(services.GetRequiredService<IConsole>());
                return 0;
            }

            if (settings.ShowInfo)
            {
                new InfoFeature(new HostVersionResolver()).Run(services.GetRequiredService<IConsole>());
                return 0;
            }

            var environment = services.GetRequiredService<ICakeEnvironment>();
            environment.WorkingDirectory = WorkingDirectory(settings, environment);
            log.Verbosity = services.GetRequiredService<ICakeConfiguration>().GetVerbosity(settings.Verbosity);

            var run = RunOf(settings);
            var host = ScriptHost(services, run);
            var engine = services.GetRequiredService<ICakeEngine>();
            EngineTaskRegistrar.Register(engine, services.GetServices<IFrostingTask>());
            LifetimeRegistrar.Register(
                engine,
                services.GetRequiredService<IFrostingContext>(),
                services.GetServices<IFrostingSetup>(),
                services.GetServices<IFrostingTeardown>(),
                services.GetServices<IFrostingTaskLifetime>());

            if (run is HostRun.Build or HostRun.DryRun)
            {
                TargetValidator.EnsureKnown(engine.Tasks, targets);
            }

            if (settings.Exclusive)
            {
                host.Settings.UseExclusiveTarget();
            }

            await host.RunTargetsAsync(targets).ConfigureAwait(false);
            return 0;
        }
        catch (Exception exception)
        {
            var code = log.LogException(exception);
            return ExitCodeOf(exception) ?? (code == 0 ? 1 : code);
        }
    }

    private ServiceProvider Compose(ICakeArguments arguments)
    {
        IServiceCollection services = new ServiceCollection();
        services.UseCakeDefaultModules();
        DeferredPackageInstaller.DeferAll(services);
        services.AddCakeDiagnostics();
        // After Cake's diagnostics, which register its console: colour only where it is read as colour (ColourPolicy),
        // never into a file or a pipe, nor with NO_COLOR.
        services.AddSingleton<IConsole>(provider =>
        {
            var environment = provider.GetRequiredService<ICakeEnvironment>();
            return new ColourConsole(new CakeConsole(environment), ColourPolicy.Allows(environment));
        });
        services.AddSingleton(arguments);
        services.AddSingleton(provider => HostConfiguration.Create(
            provider.GetRequiredService<IFileSystem>(),
            provider.GetRequiredService<ICakeEnvironment>(),
            provider.GetRequiredService<ICakeArguments>()));
        services.AddSingleton<IFrostingContext, FrostingContext>();
        services.AddSingleton<BuildScriptHost<IFrostingContext>>();
        services.AddSingleton<DryRunScriptHost<IFrostingContext>>();
        services.AddSingleton<TreeScriptHost>();
        services.AddSingleton<DescriptionScriptHost>();
        foreach (var taskType in TaskDiscovery.FindTaskTypes(blueprint.Assemblies))
        {
            services.AddSingleton(typeof(IFrostingTask), taskType);
        }

        // The host's own registrations come last so that they override the defaults above.
        foreach (var descriptor in blueprint.Services)
        {
            services.Add(descriptor);
        }

        return services.BuildServiceProvider();
    }

    private DirectoryPath WorkingDirectory(HostCommandSettings settings, ICakeEnvironment environment)
    {
        var chosen = settings.WorkingDirectory is { } argument
            ? new DirectoryPath(argument)
            : blueprint.WorkingDirectory ?? environment.WorkingDirectory;
        var absolute = chosen.MakeAbsolute(environment);
        if (!Directory.Exists(absolute.FullPath))
        {
            throw new CakeException($"The working directory '{absolute.FullPath}' does not exist. Check --working (or UseWorkingDirectory in Program.cs).");
        }

        return absolute;
    }

    // A task's CakeException (e.g. a tool's exit code) reaches the engine wrapped in a report exception.
    private static int? ExitCodeOf(Exception exception) => exception switch
    {
        CakeException { ExitCode: not 0 } cake => cake.ExitCode,
        CakeReportException { InnerException: { } inner } => ExitCodeOf(inner),
        AggregateException aggregate => aggregate.InnerExceptions.Select(ExitCodeOf).FirstOrDefault(code => code is not null),
        _ => null,
    };

    private static HostRun RunOf(HostCommandSettings settings) => settings switch
    {
        { DryRun: true } => HostRun.DryRun,
        { Description: true } => HostRun.Description,
        { Tree: true } => HostRun.Tree,
        _ => HostRun.Build,
    };

    private static ScriptHost ScriptHost(IServiceProvider services, HostRun run) => run switch
    {
        HostRun.DryRun => services.GetRequiredService<DryRunScriptHost<IFrostingContext>>(),
        HostRun.Description => services.GetRequiredService<DescriptionScriptHost>(),
        HostRun.Tree => services.GetRequiredService<TreeScriptHost>(),
        _ => services.GetRequiredService<BuildScriptHost<IFrostingContext>>(),
    };
}
