/** The least-squares slope of `y` over `x` (null with fewer than two distinct x). */
export function leastSquaresSlope(points: Array<{ x: number; y: number }>): number | null {
  const n = points.length
  if (n < 2) return null
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n
  let numerator = 0
  let denominator = 0
  for (const p of points) {
    numerator += (p.x - meanX) * (p.y - meanY)
    denominator += (p.x - meanX) ** 2
  }
  return denominator === 0 ? null : numerator / denominator
}
