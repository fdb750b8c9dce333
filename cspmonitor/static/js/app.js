// Start GOV.UK Frontend's components (menus, error summaries, banners).
import { initAll } from '../govuk/govuk-frontend.min.js'

initAll()
