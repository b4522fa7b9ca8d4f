using System.Globalization;

namespace NeuralNet.Estimators;

/// <summary>
/// Class labels as text in a model file: strings as they are, numbers, booleans, characters, dates and GUIDs in the
/// invariant culture (round-trip formats), enums by name. Other label types cannot be saved.
/// </summary>
internal static class LabelText
{
    public static string TypeName<TLabel>() => typeof(TLabel).FullName ?? typeof(TLabel).Name;

    /// <exception cref="NotSupportedException">The label type has no text form that reads back as the same label.</exception>
    public static string Format<TLabel>(TLabel label) where TLabel : notnull
    {
        string text = label switch
        {
            string s => s,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
            Enum e => e.ToString(),
            Guid g => g.ToString(),
            IConvertible c => c.ToString(CultureInfo.InvariantCulture),
            _ => throw Unsupported<TLabel>(),
        };
        if (!EqualityComparer<TLabel>.Default.Equals(Parse<TLabel>(text), label))
            throw new NotSupportedException($"Cannot save the class label {label} of type {TypeName<TLabel>()}: its text \"{text}\" does not read back as the same label.");
        return text;
    }

    /// <exception cref="FormatException">The text is not a label of this type.</exception>
    /// <exception cref="NotSupportedException">The label type cannot be read from text.</exception>
    public static TLabel Parse<TLabel>(string text)
    {
        var type = typeof(TLabel);
        object value;
        if (type == typeof(string)) value = text;
        else if (type.IsEnum) value = Enum.Parse(type, text);
        else if (type == typeof(Guid)) value = Guid.Parse(text);
        else if (type == typeof(DateTimeOffset)) value = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        else if (type == typeof(DateTime)) value = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        else if (typeof(IConvertible).IsAssignableFrom(type)) value = Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
        else throw Unsupported<TLabel>();
        return (TLabel)value;
    }

    private static NotSupportedException Unsupported<TLabel>() =>
        new($"Cannot save or load class labels of type {TypeName<TLabel>()}: supported are string, numbers, bool, char, enums, Guid, DateTime and DateTimeOffset.");
}
