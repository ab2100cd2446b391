"""Running many lessons: the batch (local pool or Dask), the render pipeline the CLI calls, progress display, the watch loop, the text views of commands."""
