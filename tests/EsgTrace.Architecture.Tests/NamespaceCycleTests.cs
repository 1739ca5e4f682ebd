using System.Text.RegularExpressions;
using NetArchTest.Rules;
using Xunit;

namespace EsgTrace.Architecture.Tests;

/// <summary>
/// The grain namespaces form a hierarchy, not a knot: the shared kernel (EsgTrace.Domain: outcomes, problems, validation,
/// pages, roles; Units; Time; Gs1) depends on no feature, and no two features depend on each other in a circle (supply
/// chain ← mass balance, analysis ← claims ← PACT; records tell their watchers through IRecordWatcherGrain).
/// </summary>
public sealed class NamespaceCycleTests
{
    private static readonly System.Reflection.Assembly[] Assemblies =
    [
        typeof(EsgTrace.Domain.Outcome<>).Assembly, // Contracts
        typeof(EsgTrace.Claims.ClaimEvaluator).Assembly, // Domain
        typeof(EsgTrace.SupplyChain.ShipmentGrain).Assembly, // Grains
    ];

    [Fact]
    public void No_two_grain_namespaces_depend_on_each_other_in_a_cycle()
    {
        var graph = DependencyGraph();
        // The graph sees real dependencies (so an empty answer is not a blind one): the analysis reads the supply chain,
        // claims read the analysis, and every feature returns the kernel's outcomes.
        Assert.Contains("EsgTrace.SupplyChain", graph["EsgTrace.Analysis"]);
        Assert.Contains("EsgTrace.Analysis", graph["EsgTrace.Claims"]);
        Assert.Contains("EsgTrace.Domain", graph["EsgTrace.SupplyChain"]);
        var cycles = StronglyConnected(graph).Where(c => c.Count > 1).ToList();

        Assert.True(cycles.Count == 0, "Namespaces in a cycle: " + string.Join("; ", cycles.Select(c => string.Join(" ⇄ ", c) + " (" + string.Join(", ", c.SelectMany(a => graph[a].Where(c.Contains).Select(b => $"{a} → {b}"))) + ")")));
    }

    [Fact]
    public void The_shared_kernel_depends_on_no_feature()
    {
        string[] kernel = ["EsgTrace.Domain", "EsgTrace.Units", "EsgTrace.Time", "EsgTrace.Gs1"];
        var graph = DependencyGraph();

        foreach (var ns in kernel)
        {
            var outside = graph[ns].Where(d => !kernel.Contains(d)).ToList();
            Assert.True(outside.Count == 0, $"{ns} depends on {string.Join(", ", outside)}");
        }
    }

    private static Dictionary<string, HashSet<string>> DependencyGraph()
    {
        var namespaces = Assemblies.SelectMany(a => a.GetTypes()).Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith("EsgTrace.", StringComparison.Ordinal)).Select(Top).Distinct().ToList();
        var graph = namespaces.ToDictionary(n => n, _ => new HashSet<string>());
        foreach (var from in namespaces)
        {
            foreach (var to in namespaces.Where(n => n != from))
            {
                var uses = Types.InAssemblies(Assemblies).That().ResideInNamespaceMatching("^" + Regex.Escape(from) + @"(\.|$)")
                    .And().HaveDependencyOnAny(to).GetTypes();
                if (uses.Any())
                {
                    graph[from].Add(to);
                }
            }
        }

        return graph;
    }

    // EsgTrace.Epcis.Schema is part of EsgTrace.Epcis: a feature is its top-level namespace.
    private static string Top(string ns) => string.Join('.', ns.Split('.').Take(2));

    private static List<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var result = new List<List<string>>();
        var next = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            foreach (var w in graph[v])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (stack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    component.Add(w);
                }
                while (w != v);
                result.Add(component);
            }
        }

        foreach (var v in graph.Keys.Where(v => !index.ContainsKey(v)).ToList())
        {
            Visit(v);
        }

        return result;
    }
}
