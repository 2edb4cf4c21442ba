"""示例数据: a realistic ship branch for newcomers, demos and tests (`dangjian demo`,
`dangjian --demo`). Qt-free; written only through the services."""

from dangjian_desktop.demo.build import DEMO_FILE_NAME, STEPS, DemoSummary, build_demo

__all__ = ["DEMO_FILE_NAME", "STEPS", "DemoSummary", "build_demo"]
