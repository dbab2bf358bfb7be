import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import Select from '@material-ui/core/Select';
import { LuigiTenant } from 'backstage-plugin-luigi-common';
import { ChangeEvent } from 'react';

/** Props of {@link TenantSwitcher}. */
export interface TenantSwitcherProps {
  /** The tenants the user may enter, in config order. */
  tenants: readonly LuigiTenant[];
  /** The id of the tenant shown. */
  current: string;
  /** Called with the id of the tenant chosen. */
  onSwitch(tenantId: string): void;
}

/**
 * Chooses the tenant the page shows, among those the user may enter. A native select: a real form
 * control, labelled, usable by keyboard; tenant titles are option text.
 */
export function TenantSwitcher({ tenants, current, onSwitch }: TenantSwitcherProps) {
  const change = (event: ChangeEvent<{ value: unknown }>) => {
    const chosen = String(event.target.value);
    if (chosen !== current) onSwitch(chosen);
  };
  return (
    <FormControl variant="outlined" size="small" fullWidth margin="dense">
      <InputLabel htmlFor="luigi-tenant-switcher">Tenant</InputLabel>
      <Select
        native
        label="Tenant"
        value={current}
        onChange={change}
        inputProps={{ id: 'luigi-tenant-switcher', 'data-testid': 'luigi-tenant-switcher' }}
      >
        {tenants.map(tenant => (
          <option key={tenant.id} value={tenant.id}>
            {tenant.title}
          </option>
        ))}
      </Select>
    </FormControl>
  );
}
