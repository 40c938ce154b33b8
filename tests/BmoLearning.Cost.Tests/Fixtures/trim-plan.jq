# Hand-trimmed from scripts/plan-json.sh output: planned_values without tags and long JSON
# strings; configuration reduced to the references the estimator joins on.
def slimvalues: if type == "object" then del(.tags, .tags_all, .container_definitions, .policy, .assume_role_policy, .visibility_config, .lifecycle_policy) | walk(if type == "object" then with_entries(select(.value != null and .value != [] and .value != {})) else . end) else . end;
def slimmodule: {resources: [(.resources // [])[] | .values |= slimvalues | del(.sensitive_values, .provider_name, .schema_version)], child_modules: [(.child_modules // [])[] | {address} + slimmodule]} | if (.child_modules | length) == 0 then del(.child_modules) else . end;
def slimconfig: {resources: [(.resources // [])[] | {address, mode, type, name, expressions: ((.expressions // {}) | with_entries(select(.key | IN("task_definition","resource_arn","resource_id","cluster_identifier"))))} | select(.expressions != {})], module_calls: ((.module_calls // {}) | map_values({module: (.module | slimconfig)}))} | if .resources == [] then del(.resources) else . end | if .module_calls == {} then del(.module_calls) else . end;
{
  format_version, terraform_version,
  variables: {region: .variables.region},
  planned_values: {outputs: (.planned_values.outputs | with_entries(select(.key | IN("alb_availability_zone_count","alb_internal","custom_metrics","otel_collector_task_share","otel_collector_enabled")))), root_module: (.planned_values.root_module | slimmodule)},
  configuration: {root_module: (.configuration.root_module | slimconfig)}
}
