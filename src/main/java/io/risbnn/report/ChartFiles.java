package io.risbnn.report;

import io.risbnn.RisbnnException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Shared chart setup and output for the plot classes: headless mode, size, style, encoding. */
final class ChartFiles {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    private ChartFiles() {}

    /**
     * Must run before any AWT class initializes; plots are written on servers without a display.
     * An explicit user setting wins.
     */
    static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static XYChart newXyChart(String title, String xLabel, String yLabel) {
        return newXyChart(title, xLabel, yLabel, HEIGHT);
    }

    /** A chart {@link #WIDTH} wide and {@code height} high (a panel of a stacked figure). */
    static XYChart newXyChart(String title, String xLabel, String yLabel, int height) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(height)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    /** The k-th colour of the chart's palette; plots that add unlisted helper series pick colours by index. */
    static Color color(XYChart chart, int k) {
        Color[] colors = chart.getStyler().getSeriesColors();
        return colors[k % colors.length];
    }

    /** The colour, translucent: raw traces and interval bands behind the lines that matter. */
    static Color faint(Color color) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), 60);
    }

    /**
     * A dashed grey reference line through the given points (the diagonal of a reliability or ROC plot),
     * listed in the legend under {@code name}.
     */
    static XYSeries addReference(XYChart chart, String name, double[] x, double[] y) {
        XYSeries ref = chart.addSeries(name, x, y);
        ref.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        ref.setMarker(SeriesMarkers.NONE);
        ref.setLineColor(Color.GRAY);
        ref.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        return ref;
    }

    /** Both axes from 0 to 1 with ticks every 0.1: rates, probabilities, coverage. */
    static void unitSquare(XYChart chart) {
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setXAxisDecimalPattern("0.0#").setYAxisDecimalPattern("0.0#");
    }

    /** Charts of width {@link #WIDTH} drawn one below the other into one PNG, written atomically. */
    static void savePngStacked(Path file, Chart<?, ?>... panels) {
        int height = 0;
        for (Chart<?, ?> panel : panels) {
            height += panel.getHeight();
        }
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        int top = 0;
        for (Chart<?, ?> panel : panels) {
            g.drawImage(BitmapEncoder.getBufferedImage(panel), 0, top, null);
            top += panel.getHeight();
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new RisbnnException("cannot render plot for " + file + ": " + AtomicFiles.describe(e), e);
        }
        AtomicFiles.writeBytes(file, png.toByteArray());
    }

    static void savePng(Chart<?, ?> chart, Path file) {
        byte[] png;
        try {
            png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new RisbnnException("cannot render plot for " + file + ": "
                    + AtomicFiles.describe(e), e);
        }
        AtomicFiles.writeBytes(file, png);
    }

    static void saveSvg(Chart<?, ?> chart, Path file) {
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg,
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new RisbnnException("cannot render plot for " + file + ": "
                    + AtomicFiles.describe(e), e);
        }
        AtomicFiles.writeBytes(file, svg.toByteArray());
    }
}
