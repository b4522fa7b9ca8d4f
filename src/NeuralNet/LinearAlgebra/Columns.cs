using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

/// <summary>
/// The column-wise operations of a layer, one call each, vectorised over the column-major storage (each sample's column
/// is contiguous): Z + b on every column, and the mean of the columns.
/// </summary>
internal static class Columns
{
    /// <summary>Z ← Z + b on every column (b has one entry per row).</summary>
    public static void AddToEach(Matrix<double> z, Vector<double> b)
    {
        var data = z.AsColumnMajorArray().AsSpan();
        var bias = b.AsArray();
        int rows = z.RowCount;
        for (int c = 0; c < z.ColumnCount; c++)
        {
            var column = data.Slice(c * rows, rows);
            TensorPrimitives.Add(column, bias, column);
        }
    }

    /// <summary>result = (Σ_columns dZ) / m: the mean of dZ's m columns, as BP3's ∂C/∂b.</summary>
    public static void Mean(Matrix<double> dZ, Vector<double> result)
    {
        var data = dZ.AsColumnMajorArray().AsSpan();
        var sum = result.AsArray().AsSpan();
        int rows = dZ.RowCount;
        sum.Clear();
        for (int c = 0; c < dZ.ColumnCount; c++)
            TensorPrimitives.Add(sum, data.Slice(c * rows, rows), sum);
        TensorPrimitives.Divide(sum, dZ.ColumnCount, sum);
    }
}
