"""The report runner side: report folders, the notebook executor, rendering, index, batch."""
