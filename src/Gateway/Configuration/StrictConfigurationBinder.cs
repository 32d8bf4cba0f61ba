using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace PasskeyGateway.Configuration;

/// <summary>
/// Binds a configuration section onto immutable records and reports every problem at once, each with its JSON path:
/// unknown keys (a misspelt setting is an error, not a silent default), values of the wrong type, lists with holes.
/// It does what <c>ConfigurationBinder</c> with <c>ErrorOnUnknownConfiguration</c> does, but without stopping at the
/// first problem, so <c>check-config</c> can print them all (STYLE.md: fail fast, report every error at once).
/// </summary>
internal sealed class StrictConfigurationBinder(ICollection<ConfigProblem> problems)
{
    public T Bind<T>(IConfigurationSection section)
        where T : class, new() => Bind(typeof(T), section) as T ?? new T();

    public object? Bind(Type type, IConfigurationSection section)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(type))
        {
            return BindScalar(type, section);
        }

        if (TryGetDictionaryValueType(type, out var valueType))
        {
            return BindDictionary(valueType, section);
        }

        if (TryGetListElementType(type, out var elementType))
        {
            return BindList(type, elementType, section);
        }

        return BindObject(type, section);
    }

    private object? BindObject(Type type, IConfigurationSection section)
    {
        if (!IsEmptyOrObject(section, "an object"))
        {
            return null;
        }

        var instance = Activator.CreateInstance(type)!;
        foreach (var child in section.GetChildren())
        {
            var property = FindSettableProperty(type, child.Key);
            if (property is null)
            {
                problems.Add(ConfigProblem.Error(ConfigPath.Of(child), $"unknown setting '{child.Key}' for {Describe(type)}."));
                continue;
            }

            var value = Bind(property.PropertyType, child);
            if (value is not null)
            {
                property.SetValue(instance, value);
            }
        }

        return instance;
    }

    private object? BindDictionary(Type valueType, IConfigurationSection section)
    {
        if (!IsEmptyOrObject(section, "an object"))
        {
            return null;
        }

        var dictionary = (IDictionary)Activator.CreateInstance(
            typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType), StringComparer.OrdinalIgnoreCase)!;
        foreach (var child in section.GetChildren())
        {
            if (Bind(valueType, child) is { } value)
            {
                dictionary[child.Key] = value;
            }
        }

        return dictionary;
    }

    private object? BindList(Type listType, Type elementType, IConfigurationSection section)
    {
        if (!IsEmptyOrObject(section, "a list"))
        {
            return null;
        }

        var items = new List<object>();
        var expectedIndex = 0;
        foreach (var child in section.GetChildren().OrderBy(c => int.TryParse(c.Key, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue))
        {
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index != expectedIndex)
            {
                problems.Add(ConfigProblem.Error(ConfigPath.Of(child), "expected a list (a JSON array), found an object key."));
                return null;
            }

            expectedIndex++;
            var item = Bind(elementType, child);
            if (item is not null)
            {
                items.Add(item);
            }
        }

        var array = Array.CreateInstance(elementType, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            array.SetValue(items[i], i);
        }

        if (listType.IsArray)
        {
            return array;
        }

        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType), array)!;
        return list;
    }

    private object? BindScalar(Type type, IConfigurationSection section)
    {
        var path = ConfigPath.Of(section);
        if (type.IsEnum && type.IsDefined(typeof(FlagsAttribute)) && section.GetChildren().Any())
        {
            // YARP's schema writes flag sets such as SslProtocols as a JSON array.
            long flags = 0;
            foreach (var child in section.GetChildren())
            {
                if (BindScalar(type, child) is { } flag)
                {
                    flags |= Convert.ToInt64(flag, CultureInfo.InvariantCulture);
                }
            }

            return Enum.ToObject(type, flags);
        }

        if (section.GetChildren().Any())
        {
            problems.Add(ConfigProblem.Error(path, $"expected {Describe(type)}, found an object or a list."));
            return null;
        }

        var text = section.Value;
        if (text is null)
        {
            return null;
        }

        if (type == typeof(string))
        {
            return text;
        }

        if (TryConvert(type, text.Trim(), out var value))
        {
            return value;
        }

        problems.Add(ConfigProblem.Error(path, $"'{text}' is not {Describe(type)}."));
        return null;
    }

    private static bool TryConvert(Type type, string text, out object? value)
    {
        const NumberStyles Integer = NumberStyles.Integer;
        const NumberStyles Float = NumberStyles.Float;
        var invariant = CultureInfo.InvariantCulture;
        if (type.IsEnum)
        {
            var ok = Enum.TryParse(type, text, ignoreCase: true, out var e) && !text.All(c => char.IsAsciiDigit(c) || c == '-');
            return Set(ok, e, out value);
        }

        switch (Type.GetTypeCode(type))
        {
            case TypeCode.Boolean: return Set(bool.TryParse(text, out var b), b, out value);
            case TypeCode.Char: return Set(text.Length == 1, text.Length == 1 ? text[0] : null, out value);
            case TypeCode.SByte: return Set(sbyte.TryParse(text, Integer, invariant, out var sb), sb, out value);
            case TypeCode.Byte: return Set(byte.TryParse(text, Integer, invariant, out var by), by, out value);
            case TypeCode.Int16: return Set(short.TryParse(text, Integer, invariant, out var sh), sh, out value);
            case TypeCode.UInt16: return Set(ushort.TryParse(text, Integer, invariant, out var us), us, out value);
            case TypeCode.Int32: return Set(int.TryParse(text, Integer, invariant, out var i), i, out value);
            case TypeCode.UInt32: return Set(uint.TryParse(text, Integer, invariant, out var ui), ui, out value);
            case TypeCode.Int64: return Set(long.TryParse(text, Integer, invariant, out var l), l, out value);
            case TypeCode.UInt64: return Set(ulong.TryParse(text, Integer, invariant, out var ul), ul, out value);
            case TypeCode.Single: return Set(float.TryParse(text, Float, invariant, out var f) && float.IsFinite(f), f, out value);
            case TypeCode.Double: return Set(double.TryParse(text, Float, invariant, out var d) && double.IsFinite(d), d, out value);
            case TypeCode.Decimal: return Set(decimal.TryParse(text, Float, invariant, out var m), m, out value);
        }

        if (type == typeof(TimeSpan))
        {
            return Set(TimeSpan.TryParse(text, invariant, out var t), t, out value);
        }

        if (type == typeof(Guid))
        {
            return Set(Guid.TryParse(text, out var g), g, out value);
        }

        if (type == typeof(Uri))
        {
            return Set(Uri.TryCreate(text, UriKind.Absolute, out var u), u, out value);
        }

        if (type == typeof(Version))
        {
            // YARP accepts "2" for HTTP/2.0.
            return Set(Version.TryParse(text.Contains('.', StringComparison.Ordinal) ? text : text + ".0", out var v), v, out value);
        }

        value = null;
        return false;
    }

    private static bool Set(bool ok, object? parsed, out object? value)
    {
        value = ok ? parsed : null;
        return ok;
    }

    private bool IsEmptyOrObject(IConfigurationSection section, string expected)
    {
        // The JSON provider turns an empty object or array into a key with an empty value.
        if (string.IsNullOrEmpty(section.Value))
        {
            return true;
        }

        problems.Add(ConfigProblem.Error(ConfigPath.Of(section), $"expected {expected}, found the value '{section.Value}'."));
        return false;
    }

    private static PropertyInfo? FindSettableProperty(Type type, string key)
    {
        var property = type.GetProperty(key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is { CanWrite: true } && property.SetMethod!.IsPublic && property.GetIndexParameters().Length == 0 ? property : null;
    }

    /// <summary>The types <see cref="TryConvert"/> reads from one configuration value, and no others.</summary>
    internal static bool IsScalar(Type type) =>
        type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(Uri) || type == typeof(Guid) || type == typeof(Version)
        || Type.GetTypeCode(type) is TypeCode.Boolean or TypeCode.Char or TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16
            or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal;

    private static bool TryGetDictionaryValueType(Type type, out Type valueType)
    {
        valueType = typeof(object);
        if (!type.IsGenericType)
        {
            return false;
        }

        var definition = type.GetGenericTypeDefinition();
        if ((definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>))
            && type.GetGenericArguments()[0] == typeof(string))
        {
            valueType = type.GetGenericArguments()[1];
            return true;
        }

        return false;
    }

    private static bool TryGetListElementType(Type type, out Type elementType)
    {
        elementType = typeof(object);
        if (type.IsArray)
        {
            elementType = type.GetElementType()!;
            return true;
        }

        if (!type.IsGenericType)
        {
            return false;
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) || definition == typeof(List<>)
            || definition == typeof(IReadOnlyCollection<>) || definition == typeof(ICollection<>) || definition == typeof(IEnumerable<>))
        {
            elementType = type.GetGenericArguments()[0];
            return true;
        }

        return false;
    }

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(char) => "a single character",
            _ when Type.GetTypeCode(type) is TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 => $"a whole number ({type.Name})",
            _ when Type.GetTypeCode(type) is TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            _ when type == typeof(TimeSpan) => "a time span (hh:mm:ss or d.hh:mm:ss)",
            _ when type == typeof(Uri) => "an absolute URI",
            _ when type == typeof(Guid) => "a GUID",
            _ when type == typeof(Version) => "a version such as 1.1 or 2",
            _ when type == typeof(string) => "a string",
            _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
            _ => $"'{type.Name}'",
        };
    }
}
