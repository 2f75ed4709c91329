import { ApiProperty } from '@nestjs/swagger';

export class OverviewPersonDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Jeanne Martin' })
  displayName!: string;

  @ApiProperty({ description: 'A deactivated holder cannot act', example: true })
  active!: boolean;
}

export class OverviewDelegationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The absent desk' })
  fromDeskId!: string;

  @ApiProperty({ example: 'Maire' })
  fromDeskName!: string;

  @ApiProperty({ format: 'uuid', description: 'The desk acting in its place' })
  toDeskId!: string;

  @ApiProperty({ example: 'Premier adjoint' })
  toDeskName!: string;

  @ApiProperty({ format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  endsAt!: string;

  @ApiProperty({ description: 'null: every typology', type: [String], nullable: true })
  typologyIds!: string[] | null;
}

export class DeskOverviewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Maire' })
  name!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Parent desk in the hierarchy' })
  parentId!: string | null;

  @ApiProperty({ type: [OverviewPersonDto], description: 'Holders of the desk' })
  holders!: OverviewPersonDto[];

  @ApiProperty({ type: [OverviewDelegationDto], description: 'Delegations in force now where this desk is absent (its work goes elsewhere)' })
  delegatedTo!: OverviewDelegationDto[];

  @ApiProperty({ type: [OverviewDelegationDto], description: 'Delegations in force now where this desk acts for another' })
  actingFor!: OverviewDelegationDto[];

  @ApiProperty({ type: [OverviewPersonDto], description: 'Everyone who may act for this desk now: active holders, and active holders of the desks it is delegated to' })
  actorsNow!: OverviewPersonDto[];
}

export class DeskOverviewListDto {
  @ApiProperty({ format: 'date-time', description: 'The instant the overview describes' })
  at!: string;

  @ApiProperty({ type: [DeskOverviewDto] })
  desks!: DeskOverviewDto[];
}
