namespace IssueSync.JiraSimulator.Api.Fields;

/// <summary>The rules of each kind of field (stateless, shared).</summary>
internal static class FieldValidators
{
    private static readonly IFieldValidator Summary = new SummaryField();
    private static readonly IFieldValidator RichText = new RichTextField();
    private static readonly IFieldValidator Priority = new PriorityField();
    private static readonly IFieldValidator Components = new ComponentsField();
    private static readonly IFieldValidator Labels = new LabelsField();
    private static readonly IFieldValidator Date = new DateField();
    private static readonly IFieldValidator User = new UserField();
    private static readonly IFieldValidator Select = new SelectField();
    private static readonly IFieldValidator MultiSelect = new MultiSelectField();
    private static readonly IFieldValidator Text = new TextField();
    private static readonly IFieldValidator Number = new NumberField();

    public static IFieldValidator For(FieldKind kind) => kind switch
    {
        FieldKind.Summary => Summary,
        FieldKind.Adf => RichText,
        FieldKind.Priority => Priority,
        FieldKind.Components => Components,
        FieldKind.Labels => Labels,
        FieldKind.Date => Date,
        FieldKind.User => User,
        FieldKind.Select => Select,
        FieldKind.MultiSelect => MultiSelect,
        FieldKind.TextField => Text,
        FieldKind.Number => Number,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No rules for this kind of field."),
    };
}
