using System.Globalization;
using System.Text.Json;
using BmoLearning.Cost.Plan;

namespace BmoLearning.Cost.Pricing;

/// <summary>
/// ECS services on Fargate: vCPU-hours and GB-hours by architecture and capacity provider, for the
/// larger of <c>desired_count</c> and the autoscaling minimum; one public IPv4 per public task.
/// </summary>
internal static class FargatePricer
{
    private const string Service = "ECS Fargate";

    public static void Price(PricingContext ctx)
    {
        var plan = ctx.Plan;
        var minimums = AutoscalingMinimums(ctx);
        var runByServices = new HashSet<string>(StringComparer.Ordinal);

        foreach (var service in plan.OfType("aws_ecs_service"))
        {
            var taskDefinition = FindTaskDefinition(plan, service);
            if (taskDefinition is null)
            {
                ctx.Unpriced(service, UnpricedKind.NotInPriceTable, "task definition not found in the plan: size unknown");
                ctx.Problem(service.Address, "ECS service not priced: its task definition could not be joined (neither a known task_definition value nor a configuration reference).");
                continue;
            }

            runByServices.Add(taskDefinition.Address);
            PriceService(ctx, service, taskDefinition, minimums.GetValueOrDefault(service.Address));
            ctx.Unpriced(taskDefinition, UnpricedKind.Free, $"free; its tasks are priced on {service.Address}");
        }

        foreach (var td in plan.OfType("aws_ecs_task_definition").Where(t => !runByServices.Contains(t.Address)))
        {
            ctx.Unpriced(td, UnpricedKind.BilledWhenUsed, "no service runs it (a one-off task such as migrate): billed per second only while a task runs");
        }

        foreach (var target in plan.OfType("aws_appautoscaling_target"))
        {
            ctx.Unpriced(target, UnpricedKind.Free, "free; its min_capacity is priced on the ECS service");
        }

        foreach (var policy in plan.OfType("aws_appautoscaling_policy"))
        {
            ctx.Unpriced(policy, UnpricedKind.Free, "free");
        }
    }

    private static void PriceService(PricingContext ctx, PlanResource service, PlanResource taskDefinition, AutoscalingMinimum? minimum)
    {
        var desired = (int)(service.Number("desired_count") ?? 0);
        var tasks = Math.Max(desired, minimum?.MinCapacity ?? 0);
        var countNote = minimum is { } m && m.MinCapacity > desired
            ? $"autoscaling min {m.MinCapacity} > desired {desired}"
            : $"desired_count {desired}";

        var vcpu = ParseCpu(taskDefinition.String("cpu"));
        var memoryGb = ParseMemoryGb(taskDefinition.String("memory"));
        if (vcpu is null || memoryGb is null)
        {
            ctx.Unpriced(service, UnpricedKind.NotInPriceTable, $"task size unknown (cpu '{taskDefinition.String("cpu")}', memory '{taskDefinition.String("memory")}')");
            return;
        }

        var architecture = PlanResource.AsString(taskDefinition.Block("runtime_platform") is { } rp && rp.TryGetProperty("cpu_architecture", out var a) ? a : null) ?? "X86_64";
        var arm = architecture.Equals("ARM64", StringComparison.OrdinalIgnoreCase);
        var (vcpuPrice, gbPrice) = arm
            ? (PriceTable.FargateArmVcpuHour, PriceTable.FargateArmGbHour)
            : (PriceTable.FargateX86VcpuHour, PriceTable.FargateX86GbHour);
        var arch = arm ? "ARM64" : "x86_64";

        if (taskDefinition.Block("ephemeral_storage") is { } eph && eph.TryGetProperty("size_in_gib", out var size) &&
            PlanResource.AsNumber(size) > 20)
        {
            ctx.Problem(taskDefinition.Address, "ephemeral storage above the free 20 GiB is billed per GB-hour and not priced here.");
        }

        var split = SplitByCapacityProvider(ctx, service, tasks);
        if (split is null)
        {
            return;
        }

        // The ADOT collector sidecar's share of the task (what the task grew by for it), on its own lines.
        var collector = ObservabilityPricer.CollectorShares(ctx.Plan).TryGetValue(service.String("name") ?? "", out var share)
            ? (Vcpu: Math.Min(share.Cpu / 1024m, vcpu.Value), Gb: Math.Min(share.Memory / 1024m, memoryGb.Value))
            : (Vcpu: 0m, Gb: 0m);
        var appVcpu = vcpu.Value - collector.Vcpu;
        var appGb = memoryGb.Value - collector.Gb;

        foreach (var (provider, count) in split.Where(s => s.Tasks > 0))
        {
            var spot = provider == "FARGATE_SPOT";
            var factor = spot ? 1 - PriceTable.FargateSpotDiscount : 1m;
            var kind = spot ? $"{arch} Spot (-{Fmt(PriceTable.FargateSpotDiscount * 100)}%)" : $"{arch} on-demand";
            var taskText = count == tasks
                ? $"{Fmt(count)} task{(count == 1 ? "" : "s")}"
                : $"{Fmt(count)} of {tasks} tasks by capacity provider strategy";
            ctx.Fixed(service, Service, $"{kind} vCPU: {taskText} x {Fmt(appVcpu)} vCPU ({countNote})",
                count * appVcpu * PriceTable.HoursPerMonth, "vCPU-h", vcpuPrice * factor);
            ctx.Fixed(service, Service, $"{kind} memory: {taskText} x {Fmt(appGb)} GB",
                count * appGb * PriceTable.HoursPerMonth, "GB-h", gbPrice * factor);
            if (collector.Vcpu > 0)
            {
                ctx.Fixed(service, Service, $"{kind} vCPU: ADOT collector sidecar, {taskText} x {Fmt(collector.Vcpu)} vCPU (the task grew to {Fmt(vcpu.Value)} vCPU for it)",
                    count * collector.Vcpu * PriceTable.HoursPerMonth, "vCPU-h", vcpuPrice * factor);
            }

            if (collector.Gb > 0)
            {
                ctx.Fixed(service, Service, $"{kind} memory: ADOT collector sidecar, {taskText} x {Fmt(collector.Gb)} GB (the task grew to {Fmt(memoryGb.Value)} GB for it)",
                    count * collector.Gb * PriceTable.HoursPerMonth, "GB-h", gbPrice * factor);
            }
        }

        var network = service.Block("network_configuration");
        var publicIp = network is { } n && n.TryGetProperty("assign_public_ip", out var p) && PlanResource.AsBool(p) == true;
        if (publicIp && tasks > 0)
        {
            ctx.Fixed(service, "Public IPv4", $"{tasks} running task{(tasks == 1 ? "" : "s")} with assign_public_ip",
                tasks * PriceTable.HoursPerMonth, "IPv4-h", PriceTable.PublicIpv4Hour);
        }

        if (tasks == 0)
        {
            ctx.Unpriced(service, UnpricedKind.Free, "no running task (desired_count 0, no autoscaling minimum)");
        }
    }

    /// <summary>Tasks per capacity provider: <c>base</c> first, the rest by <c>weight</c> (as ECS places them).</summary>
    private static List<(string Provider, decimal Tasks)>? SplitByCapacityProvider(PricingContext ctx, PlanResource service, int tasks)
    {
        var strategy = service.List("capacity_provider_strategy").ToList();
        if (strategy.Count == 0)
        {
            var launchType = service.String("launch_type");
            if (launchType is "EC2" or "EXTERNAL")
            {
                ctx.Unpriced(service, UnpricedKind.NotInPriceTable, $"launch type {launchType}: the instances are priced, not the service");
                return null;
            }

            if (launchType is null)
            {
                strategy = ClusterDefaultStrategy(ctx, service);
                if (strategy.Count == 0)
                {
                    ctx.Problem(service.Address, "no launch_type, capacity provider strategy or cluster default strategy in the plan: priced as FARGATE.");
                    return [("FARGATE", tasks)];
                }
            }
            else
            {
                return [("FARGATE", tasks)];
            }
        }

        var entries = strategy
            .Select(e => (
                Provider: PlanResource.AsString(e.TryGetProperty("capacity_provider", out var cp) ? cp : null) ?? "",
                Weight: e.TryGetProperty("weight", out var w) ? PlanResource.AsNumber(w) ?? 0 : 0,
                Base: e.TryGetProperty("base", out var b) ? PlanResource.AsNumber(b) ?? 0 : 0))
            .ToList();

        var unknown = entries.Where(e => e.Provider is not ("FARGATE" or "FARGATE_SPOT")).Select(e => e.Provider).ToList();
        if (unknown.Count > 0)
        {
            ctx.Unpriced(service, UnpricedKind.NotInPriceTable, $"capacity provider {string.Join(", ", unknown)} (EC2 capacity is priced by its instances)");
            return null;
        }

        var result = entries.Select(e => (e.Provider, Tasks: 0m)).ToList();
        decimal remaining = tasks;
        for (var i = 0; i < entries.Count && remaining > 0; i++)
        {
            var onBase = Math.Min(entries[i].Base, remaining);
            result[i] = (result[i].Provider, result[i].Tasks + onBase);
            remaining -= onBase;
        }

        var totalWeight = entries.Sum(e => e.Weight);
        for (var i = 0; i < entries.Count && remaining > 0; i++)
        {
            var share = totalWeight > 0 ? remaining * entries[i].Weight / totalWeight : (i == 0 ? remaining : 0);
            result[i] = (result[i].Provider, result[i].Tasks + share);
        }

        return result
            .GroupBy(r => r.Provider)
            .Select(g => (g.Key, g.Sum(r => r.Tasks)))
            .ToList();
    }

    private static List<JsonElement> ClusterDefaultStrategy(PricingContext ctx, PlanResource service)
    {
        var candidates = ctx.Plan.OfType("aws_ecs_cluster_capacity_providers").ToList();
        var sameModule = candidates.Where(c => c.ModuleAddress == service.ModuleAddress).ToList();
        var chosen = sameModule.Count == 1 ? sameModule[0] : candidates.Count == 1 ? candidates[0] : null;
        return chosen?.List("default_capacity_provider_strategy").ToList() ?? [];
    }

    private static PlanResource? FindTaskDefinition(TerraformPlan plan, PlanResource service)
    {
        var all = plan.OfType("aws_ecs_task_definition");

        // 1. A known value: an ARN (.../task-definition/family:rev), family:rev or family.
        if (service.String("task_definition") is { Length: > 0 } known)
        {
            var family = known.Contains("task-definition/", StringComparison.Ordinal)
                ? known[(known.IndexOf("task-definition/", StringComparison.Ordinal) + "task-definition/".Length)..]
                : known;
            family = family.Split(':')[0];
            var match = all.Where(t => t.String("family") == family).ToList();
            if (match.Count == 1)
            {
                return match[0];
            }
        }

        // 2. The configuration's reference (aws_ecs_task_definition.this[each.key]).
        var referenced = plan.Referenced(service, "task_definition", "aws_ecs_task_definition");
        if (referenced.Count == 1)
        {
            return referenced[0];
        }

        // 3. Same module and same for_each key, or the only task definition of the module.
        var sameModule = all.Where(t => t.ModuleAddress == service.ModuleAddress).ToList();
        var sameKey = sameModule.Where(t => service.Index is not null && t.Index == service.Index).ToList();
        if (sameKey.Count == 1)
        {
            return sameKey[0];
        }

        return sameModule.Count == 1 ? sameModule[0] : null;
    }

    private sealed record AutoscalingMinimum(string TargetAddress, int MinCapacity);

    /// <summary>ECS service address → minimum of its autoscaling target (ecs:service:DesiredCount).</summary>
    private static Dictionary<string, AutoscalingMinimum> AutoscalingMinimums(PricingContext ctx)
    {
        var plan = ctx.Plan;
        var services = plan.OfType("aws_ecs_service");
        var result = new Dictionary<string, AutoscalingMinimum>(StringComparer.Ordinal);

        foreach (var target in plan.OfType("aws_appautoscaling_target"))
        {
            var ns = target.String("service_namespace");
            var dimension = target.String("scalable_dimension");
            if ((ns is not null && ns != "ecs") || (dimension is not null && dimension != "ecs:service:DesiredCount"))
            {
                continue;
            }

            var min = (int)(target.Number("min_capacity") ?? 0);
            PlanResource? service = null;

            // resource_id = service/<cluster>/<service>
            if (target.String("resource_id") is { } resourceId && resourceId.Split('/') is ["service", var cluster, var name])
            {
                var byName = services.Where(s => s.String("name") == name).ToList();
                if (byName.Count > 1)
                {
                    byName = byName.Where(s => s.String("cluster") is not { } c || c == cluster || c.EndsWith("/" + cluster, StringComparison.Ordinal)).ToList();
                }

                service = byName.Count == 1 ? byName[0] : null;
            }

            if (service is null)
            {
                var referenced = plan.Referenced(target, "resource_id", "aws_ecs_service");
                service = referenced.Count == 1 ? referenced[0] : null;
            }

            if (service is null)
            {
                var sameModule = services.Where(s => s.ModuleAddress == target.ModuleAddress).ToList();
                var sameKey = sameModule.Where(s => target.Index is not null && s.Index == target.Index).ToList();
                service = sameKey.Count == 1 ? sameKey[0] : sameModule.Count == 1 ? sameModule[0] : null;
            }

            if (service is null)
            {
                ctx.Problem(target.Address, "autoscaling target not joined to an ECS service: its min_capacity is not priced.");
                continue;
            }

            if (!result.TryGetValue(service.Address, out var existing) || existing.MinCapacity < min)
            {
                result[service.Address] = new AutoscalingMinimum(target.Address, min);
            }
        }

        return result;
    }

    /// <summary>Task CPU: CPU units ("256") or "0.25 vCPU".</summary>
    internal static decimal? ParseCpu(string? cpu)
    {
        if (string.IsNullOrWhiteSpace(cpu))
        {
            return null;
        }

        var text = cpu.Trim();
        if (text.EndsWith("vcpu", StringComparison.OrdinalIgnoreCase))
        {
            return decimal.TryParse(text[..^4].Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : null;
        }

        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var units) ? units / 1024m : null;
    }

    /// <summary>Task memory: MiB ("512") or "1 GB".</summary>
    internal static decimal? ParseMemoryGb(string? memory)
    {
        if (string.IsNullOrWhiteSpace(memory))
        {
            return null;
        }

        var text = memory.Trim();
        if (text.EndsWith("gb", StringComparison.OrdinalIgnoreCase))
        {
            return decimal.TryParse(text[..^2].Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : null;
        }

        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var mib) ? mib / 1024m : null;
    }

    internal static string Fmt(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
