using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace IssueSync.JiraSimulator.Adf;

/// <summary>
/// Evaluates the ADF JSON schema one node at a time, with the same meaning as evaluating it whole.
/// </summary>
/// <remarks>
/// <para>
/// Why: the schema lists node alternatives in <c>anyOf</c>s (28 at the top level, 11 inline…) and JsonSchema.Net 7
/// evaluates every alternative in full, each re-validating the node's whole subtree, and pays for the size of the
/// schema document on every evaluation: about 0.1–1 s for a small description, 20 s for a large one.
/// </para>
/// <para>
/// How: a <b>child slot</b> is an <c>items</c> subschema that only names nodes (a reference to a node definition or
/// to a list of them such as <c>block_content</c>, or an <c>anyOf</c> of those). Each node definition gets a
/// <b>shallow</b> copy in which its child slots accept anything, compiled once into a small schema document holding only
/// the definitions it refers to. A node is valid against a definition when the shallow copy accepts it and every
/// child is valid against one of the definitions its slot names — which is what the full schema says, because the
/// slots are reached only through conjunctive keywords (<c>$ref</c>, <c>allOf</c>, <c>properties</c>, <c>items</c>).
/// The constructor checks that (a node reference anywhere else throws), so a schema update that breaks the
/// assumption fails loudly. Alternatives whose <c>type</c> cannot match are skipped before evaluating.
/// </para>
/// <para>
/// A node's verdict depends only on its JSON text and the definitions it may be, so verdicts are remembered by both
/// (at most <see cref="RememberedNodes"/>, then forgotten all at once): descriptions share most of their nodes
/// (headings, list items, code blocks), and only the nodes that differ are evaluated.
/// </para>
/// </remarks>
internal sealed class NodeByNodeSchema
{
    private const string DefinitionsPrefix = "#/definitions/";

    public const int RememberedNodes = 8192;

    /// <summary>Keywords whose subschemas are not simply "also applies": a child slot under them would change the meaning.</summary>
    private static readonly HashSet<string> NotConjunctive = new(StringComparer.Ordinal)
    {
        "anyOf", "oneOf", "not", "if", "then", "else", "additionalProperties", "patternProperties", "dependencies",
        "additionalItems", "contains", "propertyNames",
    };

    private static readonly EvaluationOptions Options = new() { EvaluateAs = SpecVersion.Draft7, OutputFormat = OutputFormat.Flag };

    private readonly JsonObject _definitions;
    private readonly string _root;
    private readonly Dictionary<string, JsonObject> _shallow = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]?> _nodeTypes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonSchema> _compiled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _verdicts = new(StringComparer.Ordinal);

    /// <param name="schema">The ADF schema: <c>{"$ref": "#/definitions/doc_node", "definitions": {…}}</c>.</param>
    public NodeByNodeSchema(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _definitions = schema["definitions"]?.AsObject() ?? throw new NotSupportedException("The ADF schema has no definitions.");
        _root = Name(schema["$ref"]?.GetValue<string>() ?? throw new NotSupportedException("The ADF schema has no root $ref."));
        foreach (var (name, definition) in _definitions)
        {
            _nodeTypes[name] = NodeTypes(definition!, depth: 0);
            if (!IsNodeList(name))
            {
                _shallow[name] = (JsonObject)Shallow(definition, name, conjunctive: true)!;
            }
        }

        foreach (var name in _shallow.Keys.Where(n => n.EndsWith("_node", StringComparison.Ordinal)))
        {
            _ = Compiled(name);
        }
    }

    public bool Accepts(JsonNode? document) => IsValid(document, [_root]);

    private bool IsValid(JsonNode? instance, IReadOnlyList<string> candidates)
    {
        var key = string.Join(',', candidates) + "\n" + (instance?.ToJsonString() ?? "null");
        if (_verdicts.TryGetValue(key, out var known))
        {
            return known;
        }

        var verdict = Evaluate(instance, candidates);
        if (_verdicts.Count >= RememberedNodes)
        {
            _verdicts.Clear();
        }

        _verdicts[key] = verdict;
        return verdict;
    }

    private bool Evaluate(JsonNode? instance, IReadOnlyList<string> candidates)
    {
        var type = instance is JsonObject node && node["type"] is JsonValue value && value.TryGetValue<string>(out var t) ? t : null;
        foreach (var candidate in candidates)
        {
            if (type is not null && _nodeTypes[candidate] is { } types && !types.Contains(type, StringComparer.Ordinal))
            {
                continue;
            }

            if (!Compiled(candidate).Evaluate(instance, Options).IsValid)
            {
                continue;
            }

            var slots = new List<(JsonNode? Child, IReadOnlyList<string> Candidates)>();
            CollectSlots(_definitions[candidate]!, instance, slots);
            if (slots.All(slot => IsValid(slot.Child, slot.Candidates)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The children of <paramref name="instance"/> that sit in child slots of <paramref name="schema"/>, with the definitions each may be.</summary>
    private void CollectSlots(JsonNode schema, JsonNode? instance, List<(JsonNode?, IReadOnlyList<string>)> slots)
    {
        if (schema is not JsonObject obj)
        {
            return;
        }

        if (obj["$ref"]?.GetValue<string>() is { } reference)
        {
            CollectSlots(_definitions[Name(reference)]!, instance, slots);
            return;
        }

        foreach (var member in obj["allOf"] as JsonArray ?? [])
        {
            CollectSlots(member!, instance, slots);
        }

        if (obj["properties"] is JsonObject properties && instance is JsonObject target)
        {
            foreach (var (key, property) in properties)
            {
                if (target.TryGetPropertyValue(key, out var value))
                {
                    CollectSlots(property!, value, slots);
                }
            }
        }

        if (obj["items"] is { } items && instance is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var itemSchema = items is JsonArray tuple ? (i < tuple.Count ? tuple[i] : null) : items;
                if (itemSchema is null)
                {
                    continue;
                }

                if (NodeCandidates(itemSchema) is { } candidates)
                {
                    slots.Add((array[i], candidates));
                }
                else
                {
                    CollectSlots(itemSchema, array[i], slots);
                }
            }
        }
    }

    /// <summary>The node definitions a subschema names when it only names nodes; null otherwise.</summary>
    private List<string>? NodeCandidates(JsonNode schema)
    {
        if (schema is not JsonObject obj)
        {
            return null;
        }

        if (obj["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = Name(reference);
            return IsNodeList(name) ? NodeCandidates(_definitions[name]!) : name.EndsWith("_node", StringComparison.Ordinal) ? [name] : null;
        }

        if (obj["anyOf"] is JsonArray any && obj.All(p => p.Key is "anyOf" or "description" or "title"))
        {
            var names = new List<string>();
            foreach (var member in any)
            {
                if (NodeCandidates(member!) is not { } inner)
                {
                    return null;
                }

                names.AddRange(inner);
            }

            return names;
        }

        return null;
    }

    /// <summary>A definition that only lists nodes (<c>block_content</c>, <c>inline_node</c>, …): an <c>anyOf</c> of references.</summary>
    private bool IsNodeList(string name) =>
        _definitions[name] is JsonObject obj && obj["anyOf"] is JsonArray any
        && obj.All(p => p.Key is "anyOf" or "description" or "title")
        && any.All(member => member is JsonObject m && m.Count == 1 && m["$ref"] is not null);

    /// <summary>A copy of <paramref name="schema"/> whose child slots accept anything.</summary>
    private JsonNode? Shallow(JsonNode? schema, string definition, bool conjunctive)
    {
        switch (schema)
        {
            case JsonObject obj:
                if (obj["$ref"]?.GetValue<string>() is { } reference && NodeCandidates(obj) is not null && (!conjunctive || IsNodeList(Name(reference))))
                {
                    throw new NotSupportedException($"ADF schema, {definition}: a reference to {reference} outside a child slot; the node-by-node evaluation does not apply.");
                }

                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = key switch
                    {
                        "items" when value is JsonArray tuple => new JsonArray([.. tuple.Select(item => Slot(item, definition, conjunctive))]),
                        "items" => Slot(value, definition, conjunctive),
                        "properties" or "definitions" => new JsonObject(((JsonObject)value!).Select(p => KeyValuePair.Create(p.Key, Shallow(p.Value, definition, conjunctive)))),
                        _ => Shallow(value, definition, conjunctive && !NotConjunctive.Contains(key)),
                    };
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Shallow(item, definition, conjunctive))]);
            default:
                return schema?.DeepClone();
        }
    }

    private JsonNode? Slot(JsonNode? items, string definition, bool conjunctive)
    {
        if (items is not null && NodeCandidates(items) is not null)
        {
            return conjunctive
                ? JsonValue.Create(true)
                : throw new NotSupportedException($"ADF schema, {definition}: a child slot under a non-conjunctive keyword; the node-by-node evaluation does not apply.");
        }

        return Shallow(items, definition, conjunctive);
    }

    /// <summary>The shallow definition as a schema document of its own, holding only the definitions it refers to.</summary>
    private JsonSchema Compiled(string name) => _compiled.GetOrAdd(name, n =>
    {
        var needed = new SortedSet<string>(StringComparer.Ordinal);
        Collect(n, needed);
        var definitions = new JsonObject();
        foreach (var d in needed)
        {
            definitions[d] = _shallow[d].DeepClone();
        }

        var root = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["definitions"] = definitions,
            ["$ref"] = DefinitionsPrefix + n,
        };
        return JsonSchema.FromText(root.ToJsonString());
    });

    private void Collect(string name, SortedSet<string> needed)
    {
        if (needed.Add(name))
        {
            foreach (var reference in References(_shallow[name]))
            {
                Collect(reference, needed);
            }
        }
    }

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "$ref" && p.Value is JsonValue v ? [Name(v.GetValue<string>())] : References(p.Value)),
        JsonArray array => array.SelectMany(References),
        _ => [],
    };

    /// <summary>The values of <c>type</c> a definition requires (through <c>$ref</c>, <c>allOf</c>, <c>anyOf</c>), or null when it does not fix them.</summary>
    private string[]? NodeTypes(JsonNode schema, int depth)
    {
        if (depth > 32 || schema is not JsonObject obj)
        {
            return null;
        }

        if (obj["$ref"]?.GetValue<string>() is { } reference)
        {
            return NodeTypes(_definitions[Name(reference)]!, depth + 1);
        }

        if (obj["properties"]?["type"]?["enum"] is JsonArray values && values.All(v => v?.GetValueKind() == JsonValueKind.String))
        {
            return [.. values.Select(v => v!.GetValue<string>())];
        }

        if (obj["allOf"] is JsonArray all)
        {
            // Every member applies, so any member's types are required.
            return all.Select(member => NodeTypes(member!, depth + 1)).FirstOrDefault(types => types is not null);
        }

        if (obj["anyOf"] is JsonArray any)
        {
            var each = any.Select(member => NodeTypes(member!, depth + 1)).ToList();
            return each.All(types => types is not null) ? [.. each.SelectMany(types => types!).Distinct(StringComparer.Ordinal)] : null;
        }

        return null;
    }

    private static string Name(string reference) =>
        reference.StartsWith(DefinitionsPrefix, StringComparison.Ordinal)
            ? reference[DefinitionsPrefix.Length..]
            : throw new NotSupportedException($"ADF schema: only local references are supported, not {reference}.");
}
