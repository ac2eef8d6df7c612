using System.Reflection;
using Cake.BuildxCache.Flow;
using Cake.BuildxCache.Hosting;
using Cake.BuildxCache.Hosting.BuildxTasks;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>
/// The module's task graph is declared once (<see cref="BuildxCacheTaskGraph"/>); the host's task classes must say
/// the same: names, descriptions and dependencies, so that a script and a Frosting-style build get the same tasks.
/// </summary>
public sealed class TaskGraphTests
{
    private static IEnumerable<Type> TaskClasses() => typeof(BuildxCacheContext).Assembly.GetTypes()
        .Where(type => type.Namespace == typeof(BuildxCacheContext).Namespace && typeof(IFrostingTask).IsAssignableFrom(type) && !type.IsAbstract);

    [Test]
    public void The_host_has_one_task_class_per_task_of_the_graph()
    {
        Assert.That(
            TaskClasses().Select(type => type.GetCustomAttribute<TaskNameAttribute>()!.Name),
            Is.EquivalentTo(BuildxCacheTaskGraph.All.Select(task => task.Name)));
    }

    [TestCaseSource(nameof(TaskNames))]
    public void A_task_class_has_the_graph_s_description_and_dependencies(string name)
    {
        var definition = BuildxCacheTaskGraph.All.Single(task => task.Name == name);
        var type = TaskClasses().Single(type => type.GetCustomAttribute<TaskNameAttribute>()!.Name == name);

        Assert.That(type.GetCustomAttribute<TaskDescriptionAttribute>()?.Description, Is.EqualTo(definition.Description));
        Assert.That(
            type.GetCustomAttributes<IsDependentOnAttribute>().Select(dependency => dependency.Task.GetCustomAttribute<TaskNameAttribute>()!.Name),
            Is.EqualTo(definition.DependsOn));
    }

    [Test]
    public void Publish_does_not_depend_on_BuildWithCache_so_it_never_builds_twice_or_loads()
    {
        var publish = BuildxCacheTaskGraph.All.Single(task => task.Name == BuildxCacheTaskNames.Publish);

        Assert.That(publish.DependsOn, Does.Not.Contain(BuildxCacheTaskNames.BuildWithCache));
    }

    private static IEnumerable<string> TaskNames() => BuildxCacheTaskGraph.All.Select(task => task.Name);
}
