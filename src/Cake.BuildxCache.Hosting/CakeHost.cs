using System.Reflection;
using Cake.BuildxCache.Hosting.Internal;
using Cake.Cli;
using Cake.Core;
using Cake.Core.IO;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Cake.BuildxCache.Hosting;

/// <summary>
/// Hosts tasks on the official Cake 7 engine with Cake.Frosting's API: configure it, then
/// <see cref="Run"/> the command line. Tasks are the public <see cref="IFrostingTask"/> types of the
/// entry assembly and of every assembly added with <see cref="AddAssembly"/>.
/// </summary>
public sealed class CakeHost
{
    private readonly ServiceCollection _services = new();
    private readonly List<Assembly> _assemblies = [];
    private DirectoryPath? _workingDirectory;

    /// <summary>Initializes a new instance of the <see cref="CakeHost"/> class.</summary>
    public CakeHost()
    {
        if (Assembly.GetEntryAssembly() is { } entry)
        {
            _assemblies.Add(entry);
        }
    }

    /// <summary>Uses <typeparamref name="TContext"/> as the build context every task receives.</summary>
    /// <typeparam name="TContext">The context type; it is built by dependency injection.</typeparam>
    /// <returns>This host.</returns>
    public CakeHost UseContext<TContext>()
        where TContext : class, IFrostingContext
    {
        _services.AddSingleton<IFrostingContext, TContext>();
        return this;
    }

    /// <summary>Adds a build lifetime: setup before the first task, teardown after the last one.</summary>
    /// <typeparam name="TLifetime">The lifetime type.</typeparam>
    /// <returns>This host.</returns>
    public CakeHost UseLifetime<TLifetime>()
        where TLifetime : class, IFrostingLifetime
    {
        // One instance serves as both setup and teardown.
        _services.AddSingleton<TLifetime>();
        _services.AddSingleton<IFrostingSetup>(provider => provider.GetRequiredService<TLifetime>());
        _services.AddSingleton<IFrostingTeardown>(provider => provider.GetRequiredService<TLifetime>());
        return this;
    }

    /// <summary>Adds a setup that runs before the first task.</summary>
    /// <typeparam name="TSetup">The setup type.</typeparam>
    /// <returns>This host.</returns>
    public CakeHost UseSetup<TSetup>()
        where TSetup : class, IFrostingSetup
    {
        _services.AddSingleton<IFrostingSetup, TSetup>();
        return this;
    }

    /// <summary>Adds a teardown that runs after the last task, also when the build failed.</summary>
    /// <typeparam name="TTeardown">The teardown type.</typeparam>
    /// <returns>This host.</returns>
    public CakeHost UseTeardown<TTeardown>()
        where TTeardown : class, IFrostingTeardown
    {
        _services.AddSingleton<IFrostingTeardown, TTeardown>();
        return this;
    }

    /// <summary>Adds a task lifetime: setup and teardown around every task.</summary>
    /// <typeparam name="TLifetime">The task lifetime type.</typeparam>
    /// <returns>This host.</returns>
    public CakeHost UseTaskLifetime<TLifetime>()
        where TLifetime : class, IFrostingTaskLifetime
    {
        _services.AddSingleton<IFrostingTaskLifetime, TLifetime>();
        return this;
    }

    /// <summary>Discovers the public task types of <paramref name="assembly"/> too.</summary>
    /// <param name="assembly">An assembly holding tasks, e.g. a shared module.</param>
    /// <returns>This host.</returns>
    public CakeHost AddAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _assemblies.Add(assembly);
        return this;
    }

    /// <summary>Registers or overrides services; registrations here win over the host's defaults.</summary>
    /// <param name="configure">Adds to the service collection.</param>
    /// <returns>This host.</returns>
    public CakeHost ConfigureServices(Action<IServiceCollection> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_services);
        return this;
    }

    /// <summary>Sets the working directory (relative to the current one); <c>--working</c> overrides it.</summary>
    /// <param name="path">The working directory.</param>
    /// <returns>This host.</returns>
    public CakeHost UseWorkingDirectory(DirectoryPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _workingDirectory = path;
        return this;
    }

    /// <summary>Parses <paramref name="args"/> and runs the targets.</summary>
    /// <param name="args">The command line, e.g. <c>--target=Publish --verbosity=verbose --image=…</c>.</param>
    /// <returns>0 when the targets ran; otherwise non-zero.</returns>
    public int Run(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string[] arguments = [.. args];
        var blueprint = new HostBlueprint([.. _services], [.. _assemblies], _workingDirectory);
        var console = ConsoleOf(_services);
        var commands = new ServiceCollection();
        commands.AddSingleton(blueprint);
        var app = new CommandApp<HostCommand>(new TypeRegistrar(commands));
        app.Configure(config =>
        {
            config.SetApplicationName("build");
            config.ConfigureConsole(console);
            config.SetExceptionHandler((exception, _) =>
            {
                // Command-line errors: one line, no stack trace. The parser's word for `--image=` names no option.
                var empty = arguments.FirstOrDefault(argument => argument.StartsWith('-') && argument.EndsWith('='));
                var message = exception is CommandParseException && empty is not null
                    ? $"{empty} has no value: write {empty}<value>, or leave the option out."
                    : exception.Message;
                console.MarkupLineInterpolated($"[red]Error:[/] {message}");
                console.WriteLine("Run with --help to see the options.");
                return 1;
            });
        });
        return app.Run(arguments);
    }

    // The command line's own messages (errors, --help) follow the same ColourPolicy as the build's log.
    private static IAnsiConsole ConsoleOf(IServiceCollection services) =>
        services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(IAnsiConsole))?.ImplementationInstance as IAnsiConsole
        ?? (ColourPolicy.Allows(new CakeEnvironment(new CakePlatform(), new CakeRuntime()))
            ? AnsiConsole.Console
            : AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors }));
}
