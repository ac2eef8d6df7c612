using Cake.BuildxCache.Hosting;
using Cake.Core;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Cake.BuildxCache.Tests.Hosting.Support;

/// <summary>The outcome of one in-process run of a <see cref="CakeHost"/>.</summary>
internal sealed record HostRunResult(int ExitCode, string Output, IReadOnlyList<string> Log);

/// <summary>Runs a real <see cref="CakeHost"/> in-process with chosen tasks, console and environment.</summary>
internal sealed class HostRunner
{
    private readonly List<Action<CakeHost>> _configure = [];
    private readonly List<Type> _tasks = [];
    private Dictionary<string, string> _environment = [];

    public HostRunner WithTasks(params Type[] tasks)
    {
        _tasks.AddRange(tasks);
        return this;
    }

    public HostRunner WithEnvironment(Dictionary<string, string> variables)
    {
        _environment = variables;
        return this;
    }

    public HostRunner Configure(Action<CakeHost> configure)
    {
        _configure.Add(configure);
        return this;
    }

    public HostRunResult Run(params string[] args)
    {
        var console = new RecordingConsole();
        var ansiText = new StringWriter();
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(ansiText),
            Interactive = InteractionSupport.No,
        });
        ansi.Profile.Width = 200;
        var log = new ExecutionLog();

        var host = new CakeHost().ConfigureServices(services =>
        {
            services.AddSingleton<IConsole>(console);
            services.AddSingleton(ansi);
            services.AddSingleton<ICakeEnvironment>(new TestEnvironment(_environment));
            services.AddSingleton(log);
            foreach (var task in _tasks)
            {
                services.AddSingleton(typeof(IFrostingTask), task);
            }
        });
        _configure.ForEach(configure => configure(host));

        var exitCode = host.Run(args);
        return new HostRunResult(exitCode, console.Text + ansiText, log.Entries);
    }
}
