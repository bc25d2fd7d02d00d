"""Invented Kernmonitor data for the demo region (loaded by ``kernkompas demo``): registers, counts, footfall."""

from kernkompas.monitor.demo.loader import MonitorLoadSummary, load_demo_monitor

__all__ = ["MonitorLoadSummary", "load_demo_monitor"]
