using System.Reflection;

namespace Steward.Integration.Tests;

/// <summary>
/// The fast tier stays fast: a class that starts the runner as a process (its fixtures do) is in the slow tier, so that
/// <c>--filter "Category!=Slow"</c> never waits on one.
/// </summary>
public class TierTests
{
    private static readonly Type[] RunnerFixtures = [typeof(ServeFixture), typeof(CostRunnerFixture)];

    [Fact]
    public void Every_class_that_starts_the_runner_is_in_the_slow_tier()
    {
        var classes = typeof(TierTests).Assembly.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>) && RunnerFixtures.Contains(i.GetGenericArguments()[0])))
            .ToList();
        var shared = typeof(TierTests).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<CollectionAttribute>() is not null && CustomAttributeData.GetCustomAttributes(t)
                .Any(a => a.AttributeType == typeof(CollectionAttribute) && a.ConstructorArguments.FirstOrDefault().Value as string == SharedRunner.Name))
            .ToList();
        Assert.NotEmpty(classes);
        Assert.NotEmpty(shared);
        Assert.All(classes.Concat(shared), t => Assert.True(IsSlow(t), $"{t.Name} starts the runner (a fixture) but is not marked [Trait(Tiers.Category, Tiers.Slow)]"));
    }

    [Fact]
    public void The_native_build_and_the_README_walk_through_are_in_the_slow_tier()
    {
        Assert.True(IsSlow(typeof(SamBuildTests)));
        Assert.True(IsSlow(typeof(ReadmeTests)));
        Assert.False(IsSlow(typeof(TierTests)));
    }

    private static bool IsSlow(Type type) =>
        type.GetCustomAttributes<TraitAttribute>().Any() &&
        CustomAttributeData.GetCustomAttributes(type).Any(a => a.AttributeType == typeof(TraitAttribute)
            && a.ConstructorArguments.Select(c => c.Value as string).SequenceEqual([Tiers.Category, Tiers.Slow]));
}
