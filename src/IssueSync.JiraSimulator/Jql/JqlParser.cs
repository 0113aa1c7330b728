using System.Globalization;
using System.Text;

namespace IssueSync.JiraSimulator.Jql;

/// <summary>
/// The JQL subset the simulator understands: clauses on <c>project</c>, <c>labels</c>, <c>summary</c>,
/// <c>key</c>/<c>issuekey</c>, <c>issuetype</c>/<c>type</c> with <c>= != in (..) not in (..)</c> (and <c>~ !~</c>
/// for summary), combined with AND, OR, NOT and parentheses; <c>ORDER BY</c> key, created, summary, id.
/// Values are bare words or quoted strings ("…" or '…') with backslash escapes (\" \' \\ \n \t \uXXXX).
/// </summary>
internal static class JqlParser
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["project"] = "project",
        ["labels"] = "labels",
        ["summary"] = "summary",
        ["key"] = "key",
        ["issuekey"] = "key",
        ["issuetype"] = "issuetype",
        ["type"] = "issuetype",
    };

    private static readonly Dictionary<string, string[]> Operators = new(StringComparer.Ordinal)
    {
        ["project"] = ["=", "!=", "in", "not in"],
        ["labels"] = ["=", "!=", "in", "not in"],
        ["key"] = ["=", "!=", "in", "not in"],
        ["issuetype"] = ["=", "!=", "in", "not in"],
        ["summary"] = ["~", "!~"],
    };

    private static readonly HashSet<string> SortFields = new(StringComparer.OrdinalIgnoreCase) { "key", "issuekey", "created", "summary", "id" };

    public static JqlQuery Parse(string? jql)
    {
        var tokens = Tokenize(jql ?? "");
        var position = 0;
        JqlExpression? where = null;
        if (position < tokens.Count && !IsKeyword(tokens[position], "order"))
        {
            where = ParseOr(tokens, ref position);
        }

        var sorts = new List<JqlSort>();
        if (position < tokens.Count)
        {
            Expect(tokens, ref position, "order");
            Expect(tokens, ref position, "by");
            do
            {
                var field = Next(tokens, ref position, "a field to order by");
                if (field.Quoted || !SortFields.Contains(field.Text))
                {
                    throw new JqlException($"Error in the JQL Query: Not able to sort using field '{field.Text}'.");
                }

                var descending = false;
                if (position < tokens.Count && (IsKeyword(tokens[position], "asc") || IsKeyword(tokens[position], "desc")))
                {
                    descending = IsKeyword(tokens[position], "desc");
                    position++;
                }

                sorts.Add(new JqlSort(string.Equals(field.Text, "issuekey", StringComparison.OrdinalIgnoreCase) ? "key" : field.Text.ToLowerInvariant(), descending));
            }
            while (position < tokens.Count && tokens[position].Text == "," && !tokens[position].Quoted && position++ >= 0);

            if (sorts.Count > 7)
            {
                throw new JqlException("Error in the JQL Query: The ORDER BY clause may contain at most 7 fields.");
            }
        }

        if (position < tokens.Count)
        {
            throw new JqlException($"Error in the JQL Query: Expecting either 'OR' or 'AND' but got '{tokens[position].Text}'.");
        }

        return new JqlQuery(where, sorts);
    }

    private static JqlExpression ParseOr(List<Token> tokens, ref int position)
    {
        var left = ParseAnd(tokens, ref position);
        while (position < tokens.Count && IsKeyword(tokens[position], "or"))
        {
            position++;
            left = new JqlExpression { Kind = JqlNodeKind.Or, Left = left, Right = ParseAnd(tokens, ref position) };
        }

        return left;
    }

    private static JqlExpression ParseAnd(List<Token> tokens, ref int position)
    {
        var left = ParseUnary(tokens, ref position);
        while (position < tokens.Count && IsKeyword(tokens[position], "and"))
        {
            position++;
            left = new JqlExpression { Kind = JqlNodeKind.And, Left = left, Right = ParseUnary(tokens, ref position) };
        }

        return left;
    }

    private static JqlExpression ParseUnary(List<Token> tokens, ref int position)
    {
        var token = Next(tokens, ref position, "a field name");
        if (IsKeyword(token, "not"))
        {
            return new JqlExpression { Kind = JqlNodeKind.Not, Left = ParseUnary(tokens, ref position) };
        }

        if (token is { Text: "(", Quoted: false })
        {
            var inner = ParseOr(tokens, ref position);
            Expect(tokens, ref position, ")");
            return inner;
        }

        if (!Fields.TryGetValue(token.Text, out var field))
        {
            throw new JqlException($"Field '{token.Text}' does not exist or you do not have permission to view it.");
        }

        var op = Next(tokens, ref position, "an operator").Text.ToLowerInvariant();
        if (op == "not")
        {
            Expect(tokens, ref position, "in");
            op = "not in";
        }

        if (!Operators[field].Contains(op, StringComparer.Ordinal))
        {
            throw new JqlException($"The operator '{op}' is not supported by the '{field}' field.");
        }

        var values = new List<string>();
        if (op is "in" or "not in")
        {
            Expect(tokens, ref position, "(");
            do
            {
                values.Add(Value(tokens, ref position));
            }
            while (position < tokens.Count && tokens[position] is { Text: ",", Quoted: false } && position++ >= 0);

            Expect(tokens, ref position, ")");
        }
        else
        {
            values.Add(Value(tokens, ref position));
        }

        return new JqlExpression { Kind = JqlNodeKind.Clause, Field = field, Operator = op, Values = values };
    }

    private static string Value(List<Token> tokens, ref int position)
    {
        var token = Next(tokens, ref position, "a value");
        if (!token.Quoted && (token.Text is "(" or ")" or "," || IsReserved(token)))
        {
            throw new JqlException($"Error in the JQL Query: Expecting a value but got '{token.Text}'.");
        }

        return token.Text;
    }

    private static bool IsReserved(Token token) =>
        !token.Quoted && token.Text.ToLowerInvariant() is "and" or "or" or "not" or "order" or "by" or "in" or "empty" or "null" or "is";

    private static void Expect(List<Token> tokens, ref int position, string text)
    {
        var token = Next(tokens, ref position, $"'{text}'");
        if (token.Quoted || !string.Equals(token.Text, text, StringComparison.OrdinalIgnoreCase))
        {
            throw new JqlException($"Error in the JQL Query: Expecting '{text}' but got '{token.Text}'.");
        }
    }

    private static Token Next(List<Token> tokens, ref int position, string expected)
    {
        if (position >= tokens.Count)
        {
            throw new JqlException($"Error in the JQL Query: Expecting {expected} but reached the end of the query.");
        }

        return tokens[position++];
    }

    private static bool IsKeyword(Token token, string keyword) =>
        !token.Quoted && string.Equals(token.Text, keyword, StringComparison.OrdinalIgnoreCase);

    private static List<Token> Tokenize(string jql)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < jql.Length)
        {
            var c = jql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(new Token(c.ToString(), false));
                i++;
            }
            else if (c is '"' or '\'')
            {
                tokens.Add(new Token(ReadString(jql, ref i), true));
            }
            else if (c is '=' or '~')
            {
                tokens.Add(new Token(c.ToString(), false));
                i++;
            }
            else if (c == '!' && i + 1 < jql.Length && jql[i + 1] is '=' or '~')
            {
                tokens.Add(new Token(jql.Substring(i, 2), false));
                i += 2;
            }
            else if (c is '<' or '>' or '!')
            {
                throw new JqlException($"Error in the JQL Query: The operator '{c}' is not supported by the simulator.");
            }
            else
            {
                var start = i;
                while (i < jql.Length && !char.IsWhiteSpace(jql[i]) && jql[i] is not ('(' or ')' or ',' or '=' or '~' or '!' or '<' or '>' or '"' or '\''))
                {
                    i++;
                }

                tokens.Add(new Token(jql[start..i], false));
            }
        }

        return tokens;
    }

    private static string ReadString(string jql, ref int i)
    {
        var quote = jql[i++];
        var text = new StringBuilder();
        while (i < jql.Length)
        {
            var c = jql[i++];
            if (c == quote)
            {
                return text.ToString();
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            if (i >= jql.Length)
            {
                break;
            }

            var escaped = jql[i++];
            switch (escaped)
            {
                case '"' or '\'' or '\\' or ' ':
                    text.Append(escaped);
                    break;
                case 'n':
                    text.Append('\n');
                    break;
                case 't':
                    text.Append('\t');
                    break;
                case 'r':
                    text.Append('\r');
                    break;
                case 'u' when i + 4 <= jql.Length && int.TryParse(jql.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    text.Append((char)code);
                    i += 4;
                    break;
                default:
                    throw new JqlException($"Error in the JQL Query: '\\{escaped}' is an illegal JQL escape sequence.");
            }
        }

        throw new JqlException("Error in the JQL Query: The quoted string has not been completed.");
    }

    private sealed record Token(string Text, bool Quoted);
}
