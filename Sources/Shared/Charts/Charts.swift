// KFCharts: chart loading and rendering.
import KFTemplate
