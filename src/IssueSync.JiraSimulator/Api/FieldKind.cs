namespace IssueSync.JiraSimulator.Api;

internal enum FieldKind
{
    Summary,
    Adf,
    Priority,
    Components,
    Labels,
    Date,
    User,
    Select,
    MultiSelect,
    TextField,
    Number,
}
